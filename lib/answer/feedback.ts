/**
 * Pseudo-relevance feedback for picking answer sentences. The passages retrieved for a question
 * share the words of its answer: "warfarin" questions retrieve passages that keep naming MGP,
 * "what does K2 do" ones keep naming bones and MGP. A key earns weight when it recurs across the
 * retrieved passages (better-ranked ones count more) while being rare among their sentences, so
 * the words every sentence has ("calcium") count little. A sentence is central when it names
 * many such keys; the question's own keys are left out (they are scored as coverage).
 */

/** The keys of each sentence of one passage, in passage rank order (best first). */
export type PassageKeys = Set<string>[];

export interface FeedbackOptions {
  /** Keys the question already asks for: not feedback. */
  exclude?: Set<string>;
  /** A key must occur in at least this many passages to count (one passage's quirks are not feedback). */
  minPassages?: number;
}

/** Weight of each key shared by the retrieved passages: spread across them × rarity among their sentences. */
export function feedbackWeights(passages: PassageKeys[], opts: FeedbackOptions = {}): Map<string, number> {
  const minPassages = opts.minPassages ?? 2;
  const spread = new Map<string, number>();
  const inPassages = new Map<string, number>();
  const sentenceDf = new Map<string, number>();
  let rankTotal = 0;
  let sentences = 0;
  passages.forEach((keys, rank) => {
    const w = 1 / (rank + 1);
    rankTotal += w;
    const seen = new Set<string>();
    for (const s of keys) {
      sentences++;
      for (const k of s) {
        sentenceDf.set(k, (sentenceDf.get(k) ?? 0) + 1);
        seen.add(k);
      }
    }
    for (const k of seen) {
      spread.set(k, (spread.get(k) ?? 0) + w);
      inPassages.set(k, (inPassages.get(k) ?? 0) + 1);
    }
  });
  const out = new Map<string, number>();
  for (const [k, s] of spread) {
    if ((inPassages.get(k) ?? 0) < minPassages || opts.exclude?.has(k)) continue;
    out.set(k, (s / (rankTotal || 1)) * Math.log(1 + sentences / (sentenceDf.get(k) ?? 1)));
  }
  return out;
}

/** How central a sentence is (unnormalised): the feedback weight of its keys, damped by its length. */
export function centrality(keys: Set<string>, weights: Map<string, number>): number {
  let sum = 0;
  for (const k of keys) sum += weights.get(k) ?? 0;
  return sum / Math.sqrt(keys.size + 4);
}
