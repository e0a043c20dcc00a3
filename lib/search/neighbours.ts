import type { Passage } from '../chunk/types';
import type { SearchIndex } from './types';

/** The passages just before and after one in the same article (for context), in reading order. */
export function neighbours(index: Pick<SearchIndex, 'passages' | 'byId'>, passageId: string, radius = 1): { before: Passage[]; after: Passage[] } {
  const passage = index.byId.get(passageId);
  if (!passage) return { before: [], after: [] };
  const at = index.passages.indexOf(passage);
  const near = (from: number, to: number) => index.passages.slice(Math.max(0, from), Math.max(0, to)).filter((p) => p.docId === passage.docId);
  return { before: near(at - radius, at), after: near(at + 1, at + 1 + radius) };
}
