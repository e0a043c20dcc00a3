import { markRun, type ArticleNode, type ArticleSection, type TextRun } from '@/lib/corpus/article-view';

type Spans = { start: number; end: number }[];

/** Text of a run, with the supporting sentences of the cited passage marked. */
function Run({ run, spans }: { run: TextRun; spans: Spans }) {
  return (
    <>
      {markRun(run, spans).map((part, i) =>
        part.marked ? (
          <mark key={i} className="cited-sentence" data-testid="cited-sentence">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/**
 * A FAQ paragraph ("Q: …? A: …") as its question and, on its own line, its answer. The "Q:" and "A:"
 * labels are kept for screen readers and copying but not shown; every piece keeps its passage offset.
 */
function splitFaq(run: TextRun): TextRun[] | null {
  const m = /^(Q:\s*)(.+?\?)(\s*A:\s*)/.exec(run.text);
  if (!m) return null;
  const cuts = [0, m[1].length, m[1].length + m[2].length, m[0].length, run.text.length];
  return cuts.slice(0, -1).map((start, i) => ({ text: run.text.slice(start, cuts[i + 1]), ...(run.offset !== undefined ? { offset: run.offset + start } : {}) }));
}

function Node({ node, spans }: { node: ArticleNode; spans: Spans }) {
  switch (node.type) {
    case 'heading':
      return <h2>{node.text}</h2>;
    case 'paragraph': {
      const faq = splitFaq(node.run);
      if (faq) {
        const lines = [
          { className: 'faq-q', label: faq[0], text: faq[1] },
          { className: 'faq-a', label: faq[2], text: faq[3] },
        ];
        return (
          <div className="faq">
            {lines.map((line) => (
              <p key={line.className} className={line.className}>
                <span className="visually-hidden">
                  <Run run={line.label} spans={spans} />
                </span>
                <Run run={line.text} spans={spans} />
              </p>
            ))}
          </div>
        );
      }
      return (
        <p>
          <Run run={node.run} spans={spans} />
        </p>
      );
    }
    case 'list':
      return (
        <ul>
          {node.items.map((item, i) => (
            <li key={i}>
              <Run run={item} spans={spans} />
            </li>
          ))}
        </ul>
      );
    case 'table':
      if (node.header.length <= 1 && node.rows.every((r) => r.length <= 1)) {
        return (
          <div className="flat-table">
            {[node.header, ...node.rows].filter((r) => r.length).map((r, i) => (
              <p key={i} className={i === 0 && node.header.length ? 'flat-table-header' : undefined}>
                <Run run={r[0]} spans={spans} />
              </p>
            ))}
          </div>
        );
      }
      return (
        <div className="table-wrap">
          <table>
            {node.header.length > 0 && (
              <thead>
                <tr>
                  {node.header.map((h, i) => (
                    <th key={i}>
                      <Run run={h} spans={spans} />
                    </th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {node.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>
                      <Run run={cell} spans={spans} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** The article's sections; the cited passage highlighted, its supporting sentences marked. */
export function ArticleBody({ sections, cited, spans }: { sections: ArticleSection[]; cited?: string; spans: Spans }) {
  return sections.map((section, i) => {
    if (!section.passageId) return section.nodes.map((n, j) => <Node key={`${i}-${j}`} node={n} spans={[]} />);
    const isCited = section.passageId === cited;
    return (
      <div
        key={i}
        id={section.passageId}
        className="passage"
        {...(isCited ? { 'data-cited': 'true', 'data-testid': 'cited-passage', tabIndex: -1, 'aria-label': 'Cited passage' } : {})}
      >
        {section.nodes.map((n, j) => (
          <Node key={j} node={n} spans={isCited ? spans : []} />
        ))}
      </div>
    );
  });
}
