import type { Citation } from '@/lib/answer/types';
import type { CitationLinkOptions } from './answer-markdown';

/** The sources an answer cites (never everything retrieved), numbered as in the text. */
export function SourcesList({ citations, options = {} }: { citations: Citation[]; options?: CitationLinkOptions }) {
  if (!citations.length) return null;
  return (
    <section className="sources" aria-label="Sources">
      <h3>Sources</h3>
      <ol>
        {citations.map((c) => (
          <li key={c.n} value={c.n}>
            <a href={`${options.baseUrl ?? ''}${c.url}`} {...(options.newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
              {c.title}
            </a>
            <span className="source-section"> — {c.section}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
