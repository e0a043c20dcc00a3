import type { Passage } from '../chunk/types';

/** A small seeded PRNG (mulberry32) so synthetic corpora are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces SUBTLEXus's tokenizer split off contractions ("don't" → "don", "t"): not words of a text. */
const CONTRACTION_PIECES = new Set(['s', 't', 'm', 're', 'll', 've', 'd', 'don', 'didn', 'doesn', 'isn', 'wasn', 'weren', 'couldn', 'wouldn', 'shouldn', 'aren', 'haven', 'hasn', 'hadn', 'won', 'ain', 'mustn', 'needn']);

/** Zipf's exponent for word ranks in natural text (about 1). */
export const ZIPF_EXPONENT = 1.07;
/** Distinct words the synthetic vocabulary draws from (the library's own first, then spoken English). */
export const SYNTHETIC_VOCABULARY = 30_000;

/**
 * Synthetic passages for benchmarks with a realistic vocabulary: each word drawn by Zipf's law over
 * 30,000 words ranked as in spoken English (SUBTLEXus), the library's own terms among them, so a
 * query's terms are rare or common as they are in a real library (no content word in every passage,
 * as a word chain over five articles gave: "vitamin" in all of them, "calcium" in 91%).
 * 40–130 words each, with section headings and titles drawn from the real ones.
 */
export function syntheticPassages(source: Passage[], count: number, seed = 42, english: string[] = []): Passage[] {
  const rand = seededRandom(seed);
  // Ranks as in English (SUBTLEXus): the function words on top, "calcium" or "vitamin" where spoken
  // English puts them. The library's words English lacks ("menaquinone") are spread over the ranks
  // below 2,000, so each is rare, as a specialised word is.
  const own = new Set<string>();
  for (const p of source) for (const w of p.text.toLowerCase().split(/[^a-z0-9-]+/)) if (/^[a-z][a-z0-9-]+$/.test(w)) own.add(w);
  const vocabulary: string[] = [];
  const seen = new Set<string>();
  for (const w of english) {
    if (vocabulary.length >= SYNTHETIC_VOCABULARY) break;
    const lw = w.toLowerCase();
    if (/^[a-z]+$/.test(lw) && !CONTRACTION_PIECES.has(lw) && (lw.length > 1 || lw === 'a' || lw === 'i') && !seen.has(lw)) (seen.add(lw), vocabulary.push(lw));
  }
  const missing = [...own].filter((w) => !seen.has(w));
  const gap = Math.max(1, Math.floor((vocabulary.length - 2000) / Math.max(1, missing.length)));
  missing.forEach((w, i) => vocabulary.splice(Math.min(vocabulary.length, 2000 + i * (gap + 1)), 0, w));
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  vocabulary.forEach((_, r) => (cumulative[r] = total += 1 / Math.pow(r + 1, ZIPF_EXPONENT)));
  const draw = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo];
  };
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const out: Passage[] = [];
  for (let i = 0; i < count; i++) {
    const length = 40 + Math.floor(rand() * 91);
    const text: string[] = [];
    for (let j = 0; j < length; j++) text.push(draw());
    const like = pick(source);
    const docId = `synthetic-${Math.floor(i / 20)}`;
    out.push({ id: `${docId}--${(i % 20) + 1}`, docId, title: like.title, section: like.section, text: text.join(' '), start: 0, end: 0, ordinal: i % 20, words: length });
  }
  return out;
}
