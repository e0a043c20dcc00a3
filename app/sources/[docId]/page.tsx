import { SiteHeader } from '@/app/components/site-header';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { articleSections } from '@/lib/corpus/article-view';
import { documentBody } from '@/lib/search/persist';
import { getIndex } from '@/lib/search/store';
import { displayTitle } from '@/app/components/display-title';
import { ArticleBody } from './article-body';
import { BackToConversation } from './back-to-conversation';
import { ScrollToCited } from './scroll-to-cited';

export const dynamic = 'force-dynamic';

type Params = Promise<{ docId: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

async function findDocument(docId: string) {
  const index = await getIndex();
  // Allow-list: only ids of indexed articles; nothing here reads a file named by the URL.
  const found = index.documents.find((d) => d.id === docId);
  if (!found) return null;
  // A loaded index keeps articles' text on disk: read this one.
  const doc = { ...found, body: await documentBody(index, found) };
  return { doc, passages: index.passages.filter((p) => p.docId === doc.id) };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `quote=12-80,81-120`: sentence offsets into the passage, clamped; anything malformed is ignored. */
function parseSpans(raw: string | undefined, length: number): { start: number; end: number }[] {
  if (!raw || raw.length > 200) return [];
  return raw
    .split(',')
    .slice(0, 12)
    .flatMap((part) => {
      const m = /^(\d{1,6})-(\d{1,6})$/.exec(part.trim());
      if (!m) return [];
      const start = Math.min(Number(m[1]), length);
      const end = Math.min(Number(m[2]), length);
      return end > start ? [{ start, end }] : [];
    });
}

export async function generateMetadata({ params }: { params: Params }) {
  const found = await findDocument((await params).docId);
  return { title: found ? `${displayTitle(found.doc.title)} — K2 Health Assistant` : 'Article not found' };
}

export default async function SourcePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const found = await findDocument((await params).docId);
  if (!found) notFound();
  const { doc, passages } = found;
  const query = await searchParams;
  const cited = passages.find((p) => p.id === one(query.passage));
  const spans = cited ? parseSpans(one(query.quote), cited.text.length) : [];
  const isUrl = /^https?:\/\//i.test(doc.origin);
  return (
    <div className="app-shell">
      <SiteHeader>
        <BackToConversation fromWidget={query.from === 'widget'} />
        <Link href="/sources">All articles</Link>
      </SiteHeader>
      <main className="source-page">
        <article>
          <h1>{displayTitle(doc.title)}</h1>
          <p className="muted">
            Source:{' '}
            {isUrl ? (
              <a href={doc.origin} rel="noopener noreferrer nofollow" target="_blank">
                {doc.origin}
              </a>
            ) : (
              doc.origin
            )}
          </p>
          {cited && (
            <p className="cited-note">
              The passage cited in the answer (section “{cited.section}”) is highlighted
              {spans.length ? '; the sentences that support the claim are marked more strongly' : ''}.{' '}
              <a href={`#${cited.id}`}>Jump to it</a>
            </p>
          )}
          <ArticleBody sections={articleSections(doc, passages)} cited={cited?.id} spans={spans} />
        </article>
      </main>
      {cited && <ScrollToCited />}
    </div>
  );
}
