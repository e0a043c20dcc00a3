import type { QueryUnit } from './lexicon';
import { processWide } from '../process-wide';
import { idf, type LexicalIndex } from './lexical';

export const K1 = 1.2;
/** How much a passage's score depends on covering all of the question's units (0 = plain BM25). */
export const COORDINATION = 0.6;
export const MIN_COVER_WEIGHT = 0.5;

export interface ScoredDoc {
  doc: number;
  score: number;
  /** Share of the question's weighted units the passage matches (0..1). */
  coverage: number;
}

/** Weight of a unit: the inverse document frequency of the union of its keys' passages. */
export interface UnitStats {
  df: number;
  idf: number;
}

interface Scratch {
  scores: Float32Array;
  cover: Float32Array;
  acc: Float32Array;
  /** Passages touched by the query so far / by the current unit. */
  touched: Uint32Array;
  union: Uint32Array;
  seen: Uint8Array;
}

/** Per-index buffers reused across queries (scoring is synchronous, so one set per index is enough). */
const scratchFor = processWide('score-scratch', () => new WeakMap<LexicalIndex, Scratch>());
function scratch(index: LexicalIndex): Scratch {
  let s = scratchFor.get(index);
  if (!s) {
    const n = index.n;
    s = { scores: new Float32Array(n), cover: new Float32Array(n), acc: new Float32Array(n), touched: new Uint32Array(n), union: new Uint32Array(n), seen: new Uint8Array(n) };
    scratchFor.set(index, s);
  }
  return s;
}

/**
 * BM25F over query units: a concept's keys count as one term (its passages are the union, its
 * frequency the weighted sum), then scores are scaled by how much of the question a passage covers,
 * and the best `limit` passages are returned, best first.
 */
export function scoreUnits(index: LexicalIndex, units: QueryUnit[], limit: number): { hits: ScoredDoc[]; stats: UnitStats[] } {
  const n = index.n;
  const { scores, cover, acc, touched, union, seen } = scratch(index);
  let touchedCount = 0;
  const stats: UnitStats[] = [];
  let totalWeight = 0;

  for (const unit of units) {
    const lists: { docs: Uint32Array; tf: Float32Array; w: number }[] = [];
    for (const [k, w] of unit.keys) {
      const p = index.postings.get(k);
      if (p) lists.push({ docs: p.docs, tf: p.tf, w });
    }
    // Gather the unit's weighted term frequency per passage into `acc`, and its passages into `union`.
    let df = 0;
    for (const { docs, tf, w } of lists) {
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (acc[d] === 0) union[df++] = d;
        acc[d] += tf[i] * w;
      }
    }
    const weight = idf(n, df) * (unit.weight ?? 1);
    stats.push({ df, idf: weight });
    // Coverage counts every asked-for unit, common ones too (with a floor on their weight).
    const cw = unit.implied ? 0 : Math.max(weight, MIN_COVER_WEIGHT);
    totalWeight += cw;
    for (let i = 0; i < df; i++) {
      const d = union[i];
      const tf = acc[d];
      acc[d] = 0;
      if (!seen[d]) {
        seen[d] = 1;
        touched[touchedCount++] = d;
      }
      scores[d] += (weight * tf * (K1 + 1)) / (tf + K1);
      cover[d] += cw;
    }
  }

  // Keep the best `limit` with a small sorted buffer (limit is tens; touched may be many thousands).
  const best: ScoredDoc[] = [];
  let floor = -Infinity;
  const scale = totalWeight ? COORDINATION / totalWeight : 0;
  for (let i = 0; i < touchedCount; i++) {
    const d = touched[i];
    const coverage = cover[d] * (totalWeight ? 1 / totalWeight : 0);
    const score = scores[d] * (1 - COORDINATION + cover[d] * scale);
    scores[d] = 0;
    cover[d] = 0;
    seen[d] = 0;
    if (best.length >= limit && score <= floor) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].score < score) at--;
    best.splice(at, 0, { doc: d, score, coverage });
    if (best.length > limit) best.pop();
    if (best.length >= limit) floor = best[best.length - 1].score;
  }
  return { hits: best, stats };
}
