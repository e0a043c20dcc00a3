import type { UIMessage } from 'ai';
import type { AnswerStatus, AnswerTimings, Citation, GroundingCheck } from './types';

/** Metadata on every assistant message of `/api/chat`. */
export interface AnswerMetadata {
  /** Random id of this answer: what `POST /api/feedback` votes on (on the finish metadata). */
  answerId?: string;
  status: AnswerStatus;
  disclaimer: string;
  model: string;
  citations?: Citation[];
  grounding?: GroundingCheck[];
  notice?: string;
  /** False when the model stopped after part of its answer was shown. */
  complete?: boolean;
  timings?: AnswerTimings;
}

export type ChatMessage = UIMessage<AnswerMetadata>;

/** The text of a UI message, from its text parts. */
export function messageText(message: Pick<UIMessage, 'parts'>): string {
  return message.parts
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')
    .trim();
}
