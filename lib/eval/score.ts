/**
 * The scoring rule of `shared/eval/README.md`, exactly: normalisation, passage relevance by the longest
 * contiguous run of a gold span's words, and the checks on one answer. Pure functions, data first.
 */

/** NFKC, lower case, curly quotes to straight, runs of anything but a-z0-9 to one space, split. */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Length of the longest run of `span`'s words that occurs contiguously in `passage` (in words). */
export function longestCommonRun(span: string[], passage: string[]): number {
  let best = 0;
  let prev = new Array<number>(passage.length + 1).fill(0);
  for (let i = 1; i <= span.length; i++) {
    const row = new Array<number>(passage.length + 1).fill(0);
    for (let j = 1; j <= passage.length; j++) {
      if (span[i - 1] === passage[j - 1]) {
        row[j] = prev[j - 1] + 1;
        if (row[j] > best) best = row[j];
      }
    }
    prev = row;
  }
  return best;
}

/** Share of a span's words the run must cover for the passage to count as relevant. */
export const RELEVANCE_COVER = 0.6;

/** A passage is relevant when, for some gold span, its longest common run covers ≥ 60% of the span. */
export function isRelevant(passageText: string, gold: string[]): boolean {
  if (!gold.length) return false;
  const words = normalizeWords(passageText);
  return gold.some((span) => {
    const spanWords = normalizeWords(span);
    return spanWords.length > 0 && longestCommonRun(spanWords, words) >= RELEVANCE_COVER * spanWords.length;
  });
}

/** 1-based rank of the first relevant passage within the first `depth`, or null. */
export function firstRelevantRank(passages: string[], gold: string[], depth = 10): number | null {
  const i = passages.slice(0, depth).findIndex((p) => isRelevant(p, gold));
  return i < 0 ? null : i + 1;
}

/** `must` groups: every group needs at least one alternative as a case-insensitive substring. */
export function satisfiesMust(answer: string, must: string[][]): boolean {
  const text = answer.toLowerCase();
  return must.every((group) => group.some((alt) => text.includes(alt.toLowerCase())));
}

/** Reciprocal rank for MRR@10 (0 when nothing relevant is in the top 10). */
export const reciprocalRank = (rank: number | null) => (rank && rank <= 10 ? 1 / rank : 0);

/** Nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
