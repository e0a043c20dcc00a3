import type { SearchIndex } from './types';

/** Inverse document frequency of a stemmed term over passages; unseen terms weigh the most. */
export function termWeight(index: Pick<SearchIndex, 'df' | 'passages'>, term: string): number {
  const n = index.passages.length;
  return Math.log(1 + n / ((index.df.get(term) ?? 0) + 0.5));
}

export function termWeights(index: Pick<SearchIndex, 'df' | 'passages'>, terms: string[]): Record<string, number> {
  return Object.fromEntries(terms.map((t) => [t, termWeight(index, t)]));
}
