import { normalizeMessage } from '../answer/analyze';
import { retrieve, type RetrieveOptions } from './retrieve';
import type { SearchHit, SearchIndex } from './types';

/**
 * What `/api/search` runs for a query typed by a person: chat spellings expanded and misspellings
 * corrected against the library (as questions are), then retrieval.
 */
export async function searchQuery(index: SearchIndex, query: string, opts: RetrieveOptions = {}): Promise<SearchHit[]> {
  // Only the spelling: triage and the part-of-speech tagger are for answers, not for a search box.
  const { normalized } = normalizeMessage(query, index);
  return retrieve(index, normalized, opts);
}
