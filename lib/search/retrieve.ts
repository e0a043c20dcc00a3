import { search } from '@orama/orama';
import type { SearchHit, SearchIndex } from './types';

export interface RetrieveOptions {
  k?: number;
}

export const MAX_K = 50;

/** BM25 over passage text, section heading and article title; best first. */
export async function retrieve(index: SearchIndex, query: string, opts: RetrieveOptions = {}): Promise<SearchHit[]> {
  const k = Math.min(Math.max(opts.k ?? 5, 1), MAX_K);
  if (!query.trim()) return [];
  const result = await search(index.db, {
    term: query,
    properties: ['text', 'section', 'title'],
    boost: { section: 1.5, title: 0.5 },
    limit: k,
    threshold: 1,
  });
  return result.hits.flatMap((hit) => {
    const passage = index.byId.get(String(hit.id));
    return passage ? [{ passage, score: hit.score }] : [];
  });
}
