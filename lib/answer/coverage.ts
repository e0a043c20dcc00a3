import { queryTerms, terms } from '../text/terms';
import { termWeight } from '../search/weights';
import type { SearchHit, SearchIndex } from '../search/types';

/** Share of the query's weighted terms that the best passages must contain to count as covered. */
export const COVERAGE_THRESHOLD = 0.5;

/**
 * How much of what the query asks about the retrieved passages talk about (0..1), weighting rare
 * terms more: "losing weight fast" finds "weight" somewhere, but not "losing" or "fast".
 */
export function coverage(index: SearchIndex, query: string, hits: SearchHit[], top = 3): number {
  const qTerms = queryTerms(query);
  if (!qTerms.length || !hits.length) return 0;
  const found = new Set<string>();
  for (const { passage } of hits.slice(0, top)) for (const t of terms(`${passage.title} ${passage.section} ${passage.text}`)) found.add(t);
  let total = 0;
  let matched = 0;
  for (const t of qTerms) {
    const w = termWeight(index, t);
    total += w;
    if (found.has(t)) matched += w;
  }
  return total ? matched / total : 0;
}
