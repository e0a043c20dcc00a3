'use client';

import { citedInText } from '@/lib/answer/source-groups';
import type { Citation } from '@/lib/answer/types';
import { type ChatMessage, messageText } from '@/lib/answer/ui-message';
import { AnswerMarkdown, type CitationLinkOptions } from './answer-markdown';
import { CopyAnswer } from './copy-answer';
import { SourcesList } from './sources-list';

/** Citations from the final metadata, or (while streaming) from source parts in marker order. */
function citationsOf(message: ChatMessage): Citation[] {
  if (message.metadata?.citations) return message.metadata.citations;
  return message.parts.flatMap((p, i) =>
    p.type === 'source-url'
      ? [{ n: i + 1, passageId: p.sourceId, docId: '', title: p.title ?? p.url, section: '', quote: '', quoteSpans: [], passage: '', url: p.url }]
      : [],
  );
}

export function MessageItem({
  message,
  streaming,
  options,
}: {
  message: ChatMessage;
  streaming: boolean;
  options?: CitationLinkOptions;
}) {
  const text = messageText(message);
  if (message.role === 'user') {
    return (
      <div className="message message-user">
        <p>{text}</p>
      </div>
    );
  }
  const meta = message.metadata;
  const citations = citedInText(text, citationsOf(message));
  const grounding = !streaming && meta?.status === 'answered' ? meta.grounding : undefined;
  const unsupported = grounding?.filter((g) => !g.supported).length ?? 0;
  return (
    <article className={`message message-assistant status-${meta?.status ?? 'pending'}`} aria-busy={streaming} aria-label="Answer">
      {text ? <AnswerMarkdown text={text} citations={citations} options={options} grounding={grounding} /> : <p className="typing">Finding the relevant passages…</p>}
      {unsupported > 0 && (
        <p className="grounding-warning" data-testid="grounding-warning">
          {unsupported === 1 ? 'One sentence is' : `${unsupported} sentences are`} not confirmed by the passages cited (marked). Check the sources before relying on
          {unsupported === 1 ? ' it' : ' them'}.
        </p>
      )}
      {!streaming && <SourcesList citations={citations} answer={text} options={options} />}
      {meta?.notice && <p className="notice">{meta.notice}</p>}
      {meta?.disclaimer && (
        <p className="disclaimer" data-testid="disclaimer">
          {meta.disclaimer}
        </p>
      )}
      {!streaming && text && meta?.status === 'answered' && (
        <div className="answer-tools">
          <CopyAnswer text={text} citations={citations} options={options} />
        </div>
      )}
    </article>
  );
}
