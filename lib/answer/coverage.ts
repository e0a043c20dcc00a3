import { expandQuery, type QueryUnit } from '../search/lexicon';
import { retrieveUnits } from '../search/retrieve';
import { fieldKeys, idf } from '../search/lexical';
import type { SearchHit, SearchIndex } from '../search/types';
import { englishRank } from '../text/spelling';

/**
 * The one decision every answer goes through — answer, answer in part, or decline — from how much of
 * what the question is about the best passages talk about. Only topic words count: a word no article
 * uses counts against answering only when it is not everyday English (SUBTLEXus frequency), so
 * "swallowing", "hurt" or "define" never sink a question, while "zinc", "migraines" or "levothyroxine"
 * do. Background sentences ("I'm 54 and through menopause") weigh less than the sentences that ask.
 */

/** Share of the question's weighted topic units the best passages must contain to answer. */
export const COVERAGE_THRESHOLD = 0.45;
/**
 * Words at or above this frequency rank in spoken English are everyday words, not topics; a noun
 * only within the commonest few hundred ("thing", "way", "time"), since a common noun such as
 * "sleep", "hair" or "weight" is still what a question is about.
 */
export const EVERYDAY_RANK = 3000;
export const EVERYDAY_NOUN_RANK = 1000;
/**
 * Weights of absent words relative to the rarest library word: an everyday word; a rarer word used
 * as a verb or adjective (how the question is phrased: "soak up", "crunchy", "counteract"); and a
 * rarer noun (what it is about: "zinc", "migraines", "sunscreen").
 */
export const EVERYDAY_WEIGHT = 0.1;
export const PHRASING_WEIGHT = 0.3;
export const UNKNOWN_WEIGHT = 1.2;
/** Weight of background sentences relative to the sentences that ask. */
export const CONTEXT_WEIGHT = 0.35;

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

/**
 * An everyday word of a question ("seriously", "request", "last"): not a lexicon concept or subject,
 * and common in spoken English (for a word used as a noun, among the commonest few hundred only).
 * It says how the question is put more than what it is about; the decision and the composer both
 * weigh such words less.
 */
export function isEverydayWord(unit: Pick<QueryUnit, 'text' | 'concepts' | 'subject'> & { caution?: boolean }, nouns?: Set<string>): boolean {
  if (unit.concepts.length || unit.subject || unit.caution) return false;
  return englishRank(unit.text) <= (nouns?.has(unit.text) ? EVERYDAY_NOUN_RANK : EVERYDAY_RANK);
}

export interface WeighedUnit {
  text: string;
  weight: number;
  /** In some passage of the library at all. */
  known: boolean;
  /** In the best passages. */
  covered: boolean;
  /** Absent from the library and not everyday English: something the articles don't cover. */
  missingTopic: boolean;
}

/** Each topic unit of a text with its weight and whether the library and the best passages have it. */
export function weighUnits(index: SearchIndex, text: string, found: Set<string>, nouns?: Set<string>, units = expandQuery(text)): WeighedUnit[] {
  const maxIdf = idf(index.lexical.n, 0);
  const out: WeighedUnit[] = [];
  for (const raw of units) {
    if (raw.implied) continue;
    const unit = knownForm(index, raw);
    const docs = new Set<number>();
    for (const k of unit.keys.keys()) for (const d of index.lexical.postings.get(k)?.docs ?? []) docs.add(d);
    const covered = [...unit.keys.keys()].some((k) => found.has(k));
    const plain = !unit.concepts.length && !unit.subject;
    const noun = !!nouns?.has(unit.text);
    const everyday = isEverydayWord(unit, nouns);
    if (docs.size) {
      // A word the library uses weighs by its rarity there. An everyday one ("request", "specific")
      // the best passages lack weighs less: it says how the question is put more than what it is
      // about, and a large library uses every such word somewhere.
      const weight = idf(index.lexical.n, docs.size) * (everyday && !covered ? PHRASING_WEIGHT : 1);
      out.push({ text: unit.text, weight, known: true, covered, missingTopic: false });
      continue;
    }
    if (/^\d[\d.,]*$/.test(unit.text)) continue; // an absent number ("I'm 54") says nothing about the topic
    // Without a tagger's verdict every word may name a topic; lexicon concepts and subjects always do.
    const phrasing = plain && !everyday && !!nouns && !noun;
    const weight = everyday ? EVERYDAY_WEIGHT : phrasing ? PHRASING_WEIGHT : UNKNOWN_WEIGHT;
    out.push({ text: unit.text, weight: maxIdf * weight, known: false, covered: false, missingTopic: !everyday && !phrasing });
  }
  return out;
}

/** Index keys of the best passages (title, section and text). */
export function keysOf(hits: SearchHit[], top = 3): Set<string> {
  const found = new Set<string>();
  for (const { passage } of hits.slice(0, top)) {
    for (const text of [passage.title, passage.section, passage.text]) for (const k of fieldKeys(text).keys) found.add(k);
  }
  return found;
}

export type Verdict = 'answer' | 'partial' | 'decline';

export interface CoverageDecision {
  verdict: Verdict;
  /** Covered share of the question's weighted topic units (0..1). */
  score: number;
  /** Topic words of the asking sentences that no article uses (a partial answer names them). */
  missing: string[];
}

/**
 * Answer when the best passages hold at least `threshold` of the question's topic weight; a partial
 * answer when they do but the question also names topics no article uses; otherwise decline.
 */
export function decideCoverage(
  index: SearchIndex,
  question: { asking: string; context?: string; nouns?: Set<string> },
  hits: SearchHit[],
  { threshold = COVERAGE_THRESHOLD, top = 3, units = expandQuery(question.asking) }: { threshold?: number; top?: number; units?: QueryUnit[] } = {},
): CoverageDecision {
  if (!hits.length) return { verdict: 'decline', score: 0, missing: [] };
  const found = keysOf(hits, top);
  const asking = weighUnits(index, question.asking, found, question.nouns, units);
  const context = question.context ? weighUnits(index, question.context, found, question.nouns) : [];
  let total = 0;
  let matched = 0;
  for (const [units, factor] of [[asking, 1], [context, CONTEXT_WEIGHT]] as const) {
    for (const u of units) {
      total += u.weight * factor;
      if (u.covered) matched += u.weight * factor;
    }
  }
  const score = total ? matched / total : 0;
  const missing = asking.filter((u) => u.missingTopic).map((u) => u.text);
  if (score < threshold) return { verdict: 'decline', score, missing };
  return { verdict: missing.length ? 'partial' : 'answer', score, missing };
}

/** The covered share alone, for a question given as one string (tests and scripts). */
export function coverage(index: SearchIndex, query: string, hits: SearchHit[], top = 3): number {
  return decideCoverage(index, { asking: query }, hits, { top }).score;
}

/** Share of the asking sentences' topic weight a missing part must carry to be looked up on its own. */
export const ASPECT_SHARE = 0.15;
/** At most this many parts are looked up on their own. */
export const MAX_ASPECTS = 2;

/**
 * A question about two things ("Noonan syndrome and polycystic kidney disease", "carvedilol with
 * hydralazine") can rank passages about one of them above any about the other, and the answer would
 * then miss (or the decision decline for) a part the library does cover. Each topic of the asking
 * sentences that the library has but the best passages lack, and that carries a fair share of the
 * question's weight, gets its own best passage right after the best ones — a passage about it (the
 * part named in its title or heading), since a passing mention answers nothing about it.
 */
export function withAspects(
  index: SearchIndex,
  question: { asking: string; nouns?: Set<string> },
  hits: SearchHit[],
  top = 3,
  expanded = expandQuery(question.asking),
): { hits: SearchHit[]; aspects: number } {
  if (!hits.length) return { hits, aspects: 0 };
  const found = keysOf(hits, top);
  const units = expanded.filter((u) => !u.implied && !u.caution).map((u) => knownForm(index, u));
  const weighed = units.flatMap((unit) => weighUnits(index, question.asking, found, question.nouns, [unit]).map((w) => ({ unit, w })));
  const total = weighed.reduce((n, { w }) => n + w.weight, 0);
  const lacking = weighed
    .filter(({ unit, w }) => w.known && !w.covered && w.weight >= ASPECT_SHARE * total && !isEverydayWord(unit, question.nouns))
    .sort((a, b) => b.w.weight - a.w.weight)
    .slice(0, MAX_ASPECTS);
  const best = hits.slice(0, top);
  const have = new Set(best.map((h) => h.passage.id));
  const aspects: SearchHit[] = [];
  for (const { unit } of lacking) {
    // Only a passage about that part (named in its title or heading), not one that mentions it in passing.
    const hit = retrieveUnits(index, [unit], { k: 5 }).find((h) => [h.passage.title, h.passage.section].some((t) => fieldKeys(t).keys.some((k) => unit.keys.has(k))));
    if (hit && !have.has(hit.passage.id)) {
      have.add(hit.passage.id);
      aspects.push({ passage: hit.passage, score: Math.min(hit.score, best.at(-1)!.score) });
    }
  }
  if (!aspects.length) return { hits, aspects: 0 };
  const rest = hits.slice(top).filter((h) => !have.has(h.passage.id));
  return { hits: [...best, ...aspects, ...rest].slice(0, Math.max(hits.length, top + aspects.length)), aspects: aspects.length };
}

/**
 * The sources an answer uses and the decision on them: the best passages plus one for each part of
 * the question they miss (see `withAspects`), then `decideCoverage` over all of those. The answer
 * pipeline and the library's suggested questions both decide with this.
 */
export function decideOnSources(index: SearchIndex, question: { asking: string; context?: string; nouns?: Set<string> }, hits: SearchHit[]): { hits: SearchHit[]; decision: CoverageDecision } {
  const top = Math.min(3, hits.length);
  const units = expandQuery(question.asking);
  const { hits: sources, aspects } = withAspects(index, question, hits, top, units);
  return { hits: sources, decision: decideCoverage(index, question, sources, { top: top + aspects, units }) };
}
