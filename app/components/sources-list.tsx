import { groupSources } from '@/lib/answer/source-groups';
import type { Citation } from '@/lib/answer/types';
import { citationLink, type CitationLinkOptions } from './answer-markdown';

/**
 * The sources an answer cites (never everything retrieved), one entry per article in order of first
 * citation; each cited passage of it is a numbered quote (numbers as in the text) linking to the passage.
 */
export function SourcesList({ citations, options = {} }: { citations: Citation[]; options?: CitationLinkOptions }) {
  const groups = groupSources(citations);
  if (!groups.length) return null;
  const target = options.newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  return (
    <section className="sources" aria-label="Sources">
      <h3>Sources</h3>
      <ul className="source-groups">
        {groups.map((g) => (
          <li key={g.docId || g.title} className="source-group" data-testid="source-group">
            <span className="source-title">{g.title}</span>
            <ul className="source-quotes">
              {g.citations.map((c) => (
                <li key={c.n} data-testid="source-quote">
                  <a href={citationLink(c, options)} {...target} aria-label={`Source ${c.n}: ${c.title}, ${c.section}`}>
                    <span className="source-n">[{c.n}]</span> <span className="source-section">{c.section}</span>
                  </a>
                  {c.quote && <q className="source-quote-text">{c.quote}</q>}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
