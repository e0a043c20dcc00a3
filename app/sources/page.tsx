import { SiteHeader } from '@/app/components/site-header';
import Link from 'next/link';
import { getIndex } from '@/lib/search/store';
import { displayTitle } from '@/app/components/display-title';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Articles — K2 Health Assistant' };

export default async function SourcesIndexPage() {
  const index = await getIndex();
  return (
    <div className="app-shell">
      <SiteHeader>
        <Link href="/">Back to chat</Link>
      </SiteHeader>
      <main className="source-page">
        <h1>The articles behind the answers</h1>
        <p className="muted">Every answer comes from these articles and links to the passage it quotes.</p>
        <ul className="article-list">
          {index.documents.map((d) => {
            const passages = index.passages.filter((p) => p.docId === d.id);
            const sections = [...new Set(passages.map((p) => p.section))];
            return (
              <li key={d.id}>
                <Link href={`/sources/${encodeURIComponent(d.id)}`}>{displayTitle(d.title)}</Link>
                <span className="muted">
                  {' '}
                  — {passages.length} passages · {sections.slice(0, 4).join(', ')}
                  {sections.length > 4 ? '…' : ''}
                </span>
              </li>
            );
          })}
        </ul>
      </main>
    </div>
  );
}
