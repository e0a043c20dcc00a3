import type { Passage } from '../chunk/types';
import type { Citation } from './types';

/** Links to the source viewer. Kept free of imports: the chat UI builds its citation links with them. */
export function sourceUrl(passage: Pick<Passage, 'docId' | 'id'>): string {
  return `/sources/${encodeURIComponent(passage.docId)}#${encodeURIComponent(passage.id)}`;
}

/**
 * The link the UI follows from a citation: the source viewer with the passage and the supporting
 * sentences' offsets in the query (the server marks them), and the passage id as the fragment.
 */
export function citationHref(c: Pick<Citation, 'docId' | 'passageId' | 'quoteSpans' | 'url'>): string {
  if (!c.docId) return c.url;
  const id = encodeURIComponent(c.passageId);
  const quote = c.quoteSpans.length ? `&quote=${c.quoteSpans.map((s) => `${s.start}-${s.end}`).join(',')}` : '';
  return `/sources/${encodeURIComponent(c.docId)}?passage=${id}${quote}#${id}`;
}

