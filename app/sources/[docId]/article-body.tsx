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

/** A FAQ paragraph ("Q: …? A: …") as its question and its answer, each keeping its passage offset. */
function splitFaq(run: TextRun): { q: TextRun; a: TextRun } | null {
  const m = /^Q:\s*(.+?\?)\s*A:\s*/.exec(run.text);
  if (!m) return null;
  const at = (i: number) => (run.offset !== undefined ? { offset: run.offset + i } : {});
  return { q: { text: m[1], ...at(m[0].indexOf(m[1])) }, a: { text: run.text.slice(m[0].length), ...at(m[0].length) } };
}

function Node({ node, spans }: { node: ArticleNode; spans: Spans }) {
  switch (node.type) {
    case 'heading':
      return <h2>{node.text}</h2>;
    case 'paragraph': {
      const faq = splitFaq(node.run);
      if (faq) {
        return (
          <div className="faq">
            <p className="faq-q">
              <Run run={faq.q} spans={spans} />
            </p>
            <p className="faq-a">
              <Run run={faq.a} spans={spans} />
            </p>
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
