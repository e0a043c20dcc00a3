import type { SearchHit } from '../search/types';
import { buildCitations } from './quotes';
import { checkGrounding } from './grounding';
import type { Citation, GroundingCheck } from './types';

export interface CheckedAnswer {
  citations: Citation[];
  grounding: GroundingCheck[];
  /** Milliseconds spent building citations and checking grounding. */
  ms: number;
}

/** Cited passages keyed by answer number, with their section heading, as grounding evidence. */
export function evidenceOf(citations: Citation[]): Map<number, string> {
  return new Map(citations.map((c) => [c.n, `${c.section}\n${c.passage}`]));
}

/**
 * Citations and the grounding check for an answer whose markers were renumbered: `cited` lists the
 * prompt source numbers in answer order, so only cited passages become citations.
 */
export function checkAnswer(answer: string, cited: number[], hits: SearchHit[]): CheckedAnswer {
  const start = performance.now();
  const citations = buildCitations(
    answer,
    cited.map((n) => hits[n - 1].passage),
  );
  const grounding = checkGrounding(answer, evidenceOf(citations));
  return { citations, grounding, ms: Math.round((performance.now() - start) * 100) / 100 };
}
