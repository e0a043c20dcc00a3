import type { Passage } from '../chunk/types';
import { processWide } from '../process-wide';
import { contentStems } from '../text/tokenize';
import type { QueryUnit } from './lexicon';

/** Headings that say where a passage sits, not what it is about. */
const GENERIC_HEADINGS = new Set(
  contentStems('introduction overview summary quick key points conclusion frequently asked questions faq understanding explained comparison role crucial importance'),
);

/** Extra weight for a passage whose section heading is what the question asks about. */
export const HEADING_BONUS = 0.25;
/** Share of a passage's word triples found in a better-ranked passage that makes it a near-duplicate. */
export const DUPLICATE_OVERLAP = 0.5;

/** Share of the heading's topical words that the question's units name (0..1). */
const headingWords = processWide('heading-words', () => new Map<string, string[]>());
function topicalWords(section: string): string[] {
  let words = headingWords.get(section);
  if (!words) {
    words = [...new Set(contentStems(section))].filter((s) => !GENERIC_HEADINGS.has(s));
    if (headingWords.size < 50_000) headingWords.set(section, words);
  }
  return words;
}

export function headingMatch(section: string, units: QueryUnit[]): number {
  const words = topicalWords(section);
  if (!words.length) return 0;
  const hit = words.filter((w) => units.some((u) => u.keys.has(w))).length;
  return hit / words.length;
}

function shingles(text: string): Set<string> {
  const stems = contentStems(text);
  const out = new Set<string>();
  for (let i = 0; i + 2 < stems.length; i++) out.add(`${stems[i]} ${stems[i + 1]} ${stems[i + 2]}`);
  return out;
}

/** Overlap of two passages' word triples, relative to the smaller one (0..1). */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / Math.min(a.size, b.size);
}

/**
 * Reorders candidates: heading matches move up, and a passage that mostly repeats a better-ranked one
 * (the articles restate their key points) moves behind the distinct ones, so the top is diverse.
 */
export function rerank<T extends { passage: Passage; score: number }>(candidates: T[], units: QueryUnit[], k = candidates.length): T[] {
  const boosted = candidates
    .map((c) => ({ ...c, score: c.score * (1 + HEADING_BONUS * headingMatch(c.passage.section, units)) }))
    .sort((a, b) => b.score - a.score);
  const kept: { item: T; sh: Set<string> }[] = [];
  const repeats: T[] = [];
  let i = 0;
  for (; i < boosted.length && kept.length < k; i++) {
    const item = boosted[i];
    const sh = shingles(item.passage.text);
    if (kept.some((x) => overlap(sh, x.sh) >= DUPLICATE_OVERLAP)) repeats.push(item);
    else kept.push({ item, sh });
  }
  return [...kept.map((x) => x.item), ...repeats, ...boosted.slice(i)];
}
