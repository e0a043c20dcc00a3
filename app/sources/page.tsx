import Link from 'next/link';
import { getIndex } from '@/lib/search/store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Articles — K2 Health Assistant' };

export default async function SourcesIndexPage() {
  const index = await getIndex();
  return (
    <div className="app-shell">
      <header className="app-header">
        <Link href="/" className="brand">
          K2 Health Assistant
        </Link>
        <nav>
          <Link href="/">Back to chat</Link>
        </nav>
      </header>
      <main className="source-page">
        <h1>The articles behind the answers</h1>
        <ul className="article-list">
          {index.documents.map((d) => (
            <li key={d.id}>
              <Link href={`/sources/${d.id}`}>{d.title}</Link>
              <span className="muted"> — {index.passages.filter((p) => p.docId === d.id).length} passages</span>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
