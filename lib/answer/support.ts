import { splitSentences, type SentenceSpan } from '../text/sentences';
import { terms } from '../text/terms';
import { stripMarkers } from './citations';
import { unbackedQuantities } from './quantities';

/** Share of a claim's content terms found in the evidence (0..1). */
export function termSupport(claim: string, evidence: string): number {
  const claimTerms = new Set(terms(stripMarkers(claim)));
  if (!claimTerms.size) return 1;
  const evidenceTerms = new Set(terms(evidence));
  let found = 0;
  for (const t of claimTerms) if (evidenceTerms.has(t)) found++;
  return found / claimTerms.size;
}

/** Numbers and doses in the claim that the evidence does not state (see `unbackedQuantities`). */
export function missingNumbers(claim: string, evidence: string): string[] {
  return unbackedQuantities(claim, evidence);
}

/**
 * The sentence(s) of a passage that best support a claim: the one sharing most of the claim's terms,
 * plus a neighbour when the claim spans two sentences of the passage.
 */
export function supportingSentences(claim: string, passage: string): SentenceSpan[] {
  const sentences = splitSentences(passage);
  if (!sentences.length) return [];
  const scored = sentences.map((s, i) => ({ s, i, score: termSupport(claim, s.text) }));
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const picks = [best];
  const pair = scored.find((x) => Math.abs(x.i - best.i) === 1);
  if (pair && best.score < 0.9) {
    const both = sentences.slice(Math.min(pair.i, best.i), Math.max(pair.i, best.i) + 1);
    if (termSupport(claim, both.map((s) => s.text).join(' ')) - best.score > 0.15) picks.push(pair);
  }
  return picks.sort((a, b) => a.i - b.i).map((p) => p.s);
}
