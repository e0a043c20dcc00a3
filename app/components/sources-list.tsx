import { groupSources, quotesBeyondAnswer } from '@/lib/answer/source-groups';
import type { Citation } from '@/lib/answer/types';
import { citationLink, type CitationLinkOptions } from './answer-markdown';
import { displayTitle } from './display-title';

/**
 * The sources an answer cites (never everything retrieved), one entry per article in order of first
 * citation; each cited passage of it is a numbered link (numbers as in the text) to its section, with
 * the supporting sentences the answer does not already say (never the answer again).
 */
export function SourcesList({ citations, answer = '', options = {} }: { citations: Citation[]; answer?: string; options?: CitationLinkOptions }) {
  const groups = groupSources(citations);
  if (!groups.length) return null;
  const target = options.newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  return (
    <section className="sources" aria-label="Sources">
      <h3>Sources</h3>
      <ul className="source-groups">
        {groups.map((g) => (
          <li key={g.docId || g.title} className="source-group" data-testid="source-group">
            <span className="source-title">{displayTitle(g.title)}</span>
            <ul className="source-quotes">
              {g.citations.map((c) => {
                const beyond = quotesBeyondAnswer(c, answer);
                return (
                  <li key={c.n} data-testid="source-quote">
                    <a href={citationLink(c, options)} {...target} aria-label={`Source ${c.n}: ${c.title}, ${c.section}`}>
                      <span className="source-n">[{c.n}]</span> <span className="source-section">{c.section || 'Passage'}</span>
                    </a>
                    {beyond.length > 0 && <q className="source-quote-text">{beyond.join(' … ')}</q>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
