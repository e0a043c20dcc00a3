'use client';

import { citedInText } from '@/lib/answer/source-groups';
import type { Citation } from '@/lib/answer/types';
import { type ChatMessage, messageText } from '@/lib/answer/ui-message';
import { AnswerMarkdown, type CitationLinkOptions } from './answer-markdown';
import { AnswerTools } from './answer-tools';
import { SourcesList } from './sources-list';
import { isStopped } from './stopped';
import { splitSuggestions } from './suggestions';

/** Citations from the final metadata, or (while streaming) from source parts in marker order. */
function citationsOf(message: ChatMessage): Citation[] {
  if (message.metadata?.citations) return message.metadata.citations;
  return message.parts
    .filter((p) => p.type === 'source-url')
    .map((p, i) => ({ n: i + 1, passageId: p.sourceId, docId: '', title: p.title ?? p.url, section: '', quote: '', quoteSpans: [], passage: '', url: p.url }));
}

export interface MessageItemProps {
  message: ChatMessage;
  streaming: boolean;
  /** The text shown when the reader stopped this reply while it still finishes out of sight. */
  frozenText?: string;
  options?: CitationLinkOptions;
  /** Asks one of a decline's suggested questions; absent while a reply is on its way. */
  onAsk?: (question: string) => void;
}

export function MessageItem({ message, streaming, frozenText, options, onAsk }: MessageItemProps) {
  const full = frozenText ?? messageText(message);
  if (message.role === 'user') {
    return (
      <div className="message message-user">
        <p>{full}</p>
      </div>
    );
  }
  const meta = message.metadata;
  const stopped = frozenText !== undefined || isStopped(message);
  const declined = !streaming && !stopped && meta?.status === 'not-covered';
  const { body: text, questions } = declined ? splitSuggestions(full) : { body: full, questions: [] };
  const citations = citedInText(text, citationsOf(message));
  const grounding = !streaming && meta?.status === 'answered' ? meta.grounding : undefined;
  const unsupported = grounding?.filter((g) => !g.supported).length ?? 0;
  const status = meta?.status ?? 'pending';
  const finished = !streaming && !stopped;
  const canCopy = finished && !!text && meta?.status === 'answered';
  // Votes on finished answers and declines that the log knows (an answerId); never on emergency replies.
  const voteOn = finished && (meta?.status === 'answered' || meta?.status === 'not-covered') ? meta.answerId : undefined;
  return (
    <article className={`message message-assistant status-${status}${stopped ? ' stopped' : ''}`} aria-busy={streaming} aria-label="Answer">
      {text ? (
        <AnswerMarkdown text={text} citations={citations} options={options} grounding={grounding} />
      ) : (
        !stopped && <p className="typing">Finding the relevant passages…</p>
      )}
      {questions.length > 0 && (
        <ul className="suggestions" aria-label="Questions you could ask">
          {questions.map((q) => (
            <li key={q}>
              <button type="button" onClick={() => onAsk?.(q)} disabled={!onAsk}>
                {q}
              </button>
            </li>
          ))}
        </ul>
      )}
      {stopped && (
        <p className="stopped-note" data-testid="stopped-note">
          {text ? 'Stopped — this answer is incomplete.' : 'Stopped before the answer began.'}
        </p>
      )}
      {unsupported > 0 && (
        <p className="grounding-warning" data-testid="grounding-warning">
          {unsupported === 1 ? 'One sentence is' : `${unsupported} sentences are`} not confirmed by the passages cited (marked). Check the sources before relying on
          {unsupported === 1 ? ' it' : ' them'}.
        </p>
      )}
      {!streaming && <SourcesList citations={citations} answer={text} options={options} />}
      {meta?.notice && <p className="notice">{meta.notice}</p>}
      {(canCopy || voteOn) && <AnswerTools copy={canCopy ? { text, citations, options } : undefined} answerId={voteOn} />}
    </article>
  );
}
