import { expandQuery, type QueryUnit } from './lexicon';
import { rerank } from './rerank';
import { scoreUnits } from './score';
import type { SearchHit, SearchIndex } from './types';

export interface RetrieveOptions {
  k?: number;
}

export const MAX_K = 50;
/** Candidates scored before reranking, beyond the k returned. */
const CANDIDATES = 30;

/**
 * Finds the passages that answer a query, best first: lexicon expansion (lay words ↔ medical words),
 * BM25F over text, section heading and title with coverage of the question, then a rerank that favours
 * matching headings and moves near-duplicates behind distinct passages.
 */
export async function retrieve(index: SearchIndex, query: string, opts: RetrieveOptions = {}): Promise<SearchHit[]> {
  return retrieveUnits(index, expandQuery(query), opts);
}

export function retrieveUnits(index: SearchIndex, units: QueryUnit[], opts: RetrieveOptions = {}): SearchHit[] {
  const k = Math.min(Math.max(opts.k ?? 5, 1), MAX_K);
  if (!units.length) return [];
  const { hits } = scoreUnits(index.lexical, units, Math.max(CANDIDATES, k * 2));
  const candidates = hits.map((h) => ({ passage: index.passages[h.doc], score: h.score }));
  return rerank(candidates, units, k).slice(0, k);
}
