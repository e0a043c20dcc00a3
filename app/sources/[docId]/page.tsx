import Link from 'next/link';
import { notFound } from 'next/navigation';
import { articleSections, type ArticleNode } from '@/lib/corpus/article-view';
import { getIndex } from '@/lib/search/store';

export const dynamic = 'force-dynamic';

async function findDocument(docId: string) {
  const index = await getIndex();
  // Allow-list: only ids of indexed articles; nothing here reads a file named by the URL.
  const doc = index.documents.find((d) => d.id === docId);
  return doc ? { doc, passages: index.passages } : null;
}

export async function generateMetadata({ params }: { params: Promise<{ docId: string }> }) {
  const found = await findDocument((await params).docId);
  return { title: found ? `${found.doc.title} — K2 Health Assistant` : 'Article not found' };
}

function Node({ node }: { node: ArticleNode }) {
  switch (node.type) {
    case 'heading':
      return <h2>{node.text}</h2>;
    case 'paragraph':
      return <p>{node.text}</p>;
    case 'list':
      return (
        <ul>
          {node.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return node.header.length > 1 || node.rows.some((r) => r.length > 1) ? (
        <div className="table-wrap">
          <table>
            {node.header.length > 0 && (
              <thead>
                <tr>
                  {node.header.map((h, i) => (
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {node.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="flat-table">
          {[node.header, ...node.rows].filter((r) => r.length).map((r, i) => (
            <p key={i} className={i === 0 && node.header.length ? 'flat-table-header' : undefined}>
              {r.join(' · ')}
            </p>
          ))}
        </div>
      );
  }
}

export default async function SourcePage({ params }: { params: Promise<{ docId: string }> }) {
  const { docId } = await params;
  const found = await findDocument(docId);
  if (!found) notFound();
  const { doc, passages } = found;
  return (
    <div className="app-shell">
      <header className="app-header">
        <Link href="/" className="brand">
          K2 Health Assistant
        </Link>
        <nav>
          <Link href="/">Back to chat</Link>
          <Link href="/sources">All articles</Link>
        </nav>
      </header>
      <main className="source-page">
        <article>
          <h1>{doc.title}</h1>
          <p className="muted">Source: {doc.origin}</p>
          {articleSections(doc, passages).map((section, i) =>
            section.passageId ? (
              <div key={i} id={section.passageId} className="passage">
                {section.nodes.map((n, j) => (
                  <Node key={j} node={n} />
                ))}
              </div>
            ) : (
              section.nodes.map((n, j) => <Node key={`${i}-${j}`} node={n} />)
            ),
          )}
        </article>
      </main>
    </div>
  );
}
