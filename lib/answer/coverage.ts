import { expandQuery, type QueryUnit } from '../search/lexicon';
import { fieldKeys, idf } from '../search/lexical';
import type { SearchHit, SearchIndex } from '../search/types';

/** Share of the question's weighted units that the best passages must contain to count as covered. */
export const COVERAGE_THRESHOLD = 0.55;
/** A word no article uses names something outside the library more often than not: it weighs extra. */
export const UNKNOWN_WEIGHT = 1.5;

/** Comparative and superlative endings the stemmer keeps ("richest", "healthier", "larger"). */
const GRADED = [/^(\w{3,})iest$/, /^(\w{3,})ier$/, /^(\w{3,}?)e?st$/, /^(\w{3,}?)e?r$/];

/**
 * A word no passage contains may be a graded form of one that they do ("richest" → "rich"): use the
 * base form when the articles have it. Gated by the vocabulary, so "interest" never becomes "inter".
 */
export function knownForm(index: Pick<SearchIndex, 'lexical'>, unit: QueryUnit): QueryUnit {
  const known = (k: string) => !!index.lexical.postings.get(k)?.docs.length;
  if ([...unit.keys.keys()].some(known) || /\s/.test(unit.text.trim())) return unit;
  const word = unit.text.trim().toLowerCase();
  for (const pattern of GRADED) {
    const m = pattern.exec(word);
    if (!m) continue;
    for (const base of pattern === GRADED[0] || pattern === GRADED[1] ? [`${m[1]}y`] : [m[1], `${m[1]}e`]) {
      const keys = fieldKeys(base).keys.filter(known);
      if (keys.length) return { ...unit, keys: new Map(keys.map((k) => [k, 1])) };
    }
  }
  return unit;
}

/** A unit's weight: rarer is heavier; a word no passage contains weighs the most. */
function unitWeight(index: Pick<SearchIndex, 'lexical'>, unit: QueryUnit): number {
  const docs = new Set<number>();
  for (const k of unit.keys.keys()) for (const d of index.lexical.postings.get(k)?.docs ?? []) docs.add(d);
  return idf(index.lexical.n, docs.size) * (docs.size ? 1 : UNKNOWN_WEIGHT);
}

/**
 * How much of what the question asks about the retrieved passages talk about (0..1), by lexicon
 * concepts and words, rarer ones weighing more: "losing weight fast" finds "weight" somewhere, but not
 * "losing" or "fast"; "vitamin K clogs your arteries" finds the concept "clogged arteries".
 */
export function coverage(index: SearchIndex, query: string, hits: SearchHit[], top = 3, units = expandQuery(query)): number {
  if (!units.length || !hits.length) return 0;
  const found = new Set<string>();
  for (const { passage } of hits.slice(0, top)) {
    for (const text of [passage.title, passage.section, passage.text]) for (const k of fieldKeys(text).keys) found.add(k);
  }
  let total = 0;
  let matched = 0;
  for (const raw of units) {
    if (raw.implied) continue;
    const unit = knownForm(index, raw);
    const w = unitWeight(index, unit);
    total += w;
    if ([...unit.keys.keys()].some((k) => found.has(k))) matched += w;
  }
  return total ? matched / total : 0;
}
