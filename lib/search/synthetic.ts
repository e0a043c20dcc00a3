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

/**
 * Synthetic passages for benchmarks, generated from real passages' vocabulary: a first-order Markov
 * chain over their words (so word frequencies and common phrases look like the corpus), 40–130 words
 * each, with section headings and titles drawn from the real ones.
 */
export function syntheticPassages(source: Passage[], count: number, seed = 42): Passage[] {
  const rand = seededRandom(seed);
  const next = new Map<string, string[]>();
  const words: string[] = [];
  for (const p of source) {
    const w = p.text.split(/\s+/).filter(Boolean);
    words.push(...w);
    for (let i = 0; i + 1 < w.length; i++) {
      const list = next.get(w[i]);
      if (list) list.push(w[i + 1]);
      else next.set(w[i], [w[i + 1]]);
    }
  }
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const out: Passage[] = [];
  for (let i = 0; i < count; i++) {
    const length = 40 + Math.floor(rand() * 91);
    const text: string[] = [];
    let word = pick(words);
    for (let j = 0; j < length; j++) {
      text.push(word);
      const options = next.get(word);
      word = options && rand() < 0.85 ? pick(options) : pick(words);
    }
    const like = pick(source);
    const docId = `synthetic-${Math.floor(i / 20)}`;
    out.push({ id: `${docId}--${(i % 20) + 1}`, docId, title: like.title, section: like.section, text: text.join(' '), start: 0, end: 0, ordinal: i % 20, words: length });
  }
  return out;
}
