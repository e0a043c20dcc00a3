import type { QueryUnit } from './lexicon';
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

/**
 * BM25F over query units: a concept's keys count as one term (its passages are the union, its
 * frequency the weighted sum), then scores are scaled by how much of the question a passage covers,
 * and the best `limit` passages are returned, best first.
 */
export function scoreUnits(index: LexicalIndex, units: QueryUnit[], limit: number): { hits: ScoredDoc[]; stats: UnitStats[] } {
  const n = index.n;
  const scores = new Float32Array(n);
  const cover = new Float32Array(n);
  const seen = new Uint8Array(n);
  const touched: number[] = [];
  const acc = new Float32Array(n);
  const stats: UnitStats[] = [];
  let totalWeight = 0;

  for (const unit of units) {
    const lists = [...unit.keys].flatMap(([k, w]) => {
      const p = index.postings.get(k);
      return p ? [{ p, w }] : [];
    });
    let docs: ArrayLike<number>;
    let tfOf: (i: number, d: number) => number;
    if (lists.length === 1) {
      const { p, w } = lists[0];
      docs = p.docs;
      tfOf = (i) => p.tf[i] * w;
    } else {
      const union: number[] = [];
      for (const { p, w } of lists) {
        for (let i = 0; i < p.docs.length; i++) {
          const d = p.docs[i];
          if (acc[d] === 0) union.push(d);
          acc[d] += p.tf[i] * w;
        }
      }
      docs = union;
      tfOf = (_, d) => acc[d];
    }
    const df = docs.length;
    const w = idf(n, df) * (unit.weight ?? 1);
    stats.push({ df, idf: w });
    // Coverage counts every asked-for unit, common ones too (with a floor on their weight).
    const cw = Math.max(w, MIN_COVER_WEIGHT);
    if (!unit.implied) totalWeight += cw;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i];
      const tf = tfOf(i, d);
      scores[d] += (w * tf * (K1 + 1)) / (tf + K1);
      if (!unit.implied) cover[d] += cw;
      if (!seen[d]) {
        seen[d] = 1;
        touched.push(d);
      }
    }
    if (lists.length > 1) for (let i = 0; i < docs.length; i++) acc[docs[i]] = 0;
  }

  // Keep the best `limit` with a small sorted buffer (limit is tens; touched may be many thousands).
  const best: ScoredDoc[] = [];
  let floor = -Infinity;
  for (const d of touched) {
    const coverage = totalWeight ? cover[d] / totalWeight : 0;
    const score = scores[d] * (1 - COORDINATION + COORDINATION * coverage);
    if (best.length >= limit && score <= floor) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].score < score) at--;
    best.splice(at, 0, { doc: d, score, coverage });
    if (best.length > limit) best.pop();
    floor = best.length >= limit ? best[best.length - 1].score : -Infinity;
  }
  return { hits: best, stats };
}
