import type { AnswerMetadata, ChatMessage } from '@/lib/answer/ui-message';

/** Chat-side metadata: `stopped` marks an answer the reader stopped (kept with the saved conversation). */
type ShownMetadata = AnswerMetadata & { stopped?: boolean };

export const isStopped = (message: ChatMessage): boolean => !!(message.metadata as ShownMetadata | undefined)?.stopped;

/**
 * The message as it was when the reader pressed Stop: only the text shown then, its citations (from
 * the reply's final metadata when it arrived) and the grounding checks of the sentences it still holds.
 */
export function markStopped(message: ChatMessage, shown: string): ChatMessage {
  const meta: ShownMetadata = message.metadata ?? { status: 'answered', disclaimer: '', model: '' };
  const grounding = meta.grounding?.filter((g) => shown.includes(g.sentence.trim()));
  return {
    ...message,
    parts: [{ type: 'text', text: shown, state: 'done' }, ...message.parts.filter((p) => p.type !== 'text')],
    metadata: { ...meta, ...(grounding ? { grounding } : {}), stopped: true } as AnswerMetadata,
  };
}
