import { splitSentences } from '../text/sentences';
import { fieldKeys } from '../search/lexical';
import { centrality, feedbackWeights } from './feedback';
import type { NumberedSource } from './types';

/** One part of the question: the keys that express it (stems or lexicon phrases) and its weight. */
export interface ExtractiveUnit {
  keys: Record<string, number>;
  weight: number;
  /** A nutrient, protein, condition or drug the question is about: every sentence must name one. */
  subject?: boolean;
  /** The "consult a doctor" part of a medication question: answered by one added caution sentence. */
  caution?: boolean;
}

export interface ExtractiveRequest {
  /** Stemmed query terms with their weights (IDF); what the answer should be about. */
  weights: Record<string, number>;
  /** The question's units (lexicon concepts with all their keys); when given, used instead of `weights`. */
  units?: ExtractiveUnit[];
  sources: NumberedSource[];
  maxSentences?: number;
  /** The user's own words (read for the kind of question: "how"/"why", asking for personal advice). */
  question?: string;
}

export interface ExtractedSentence {
  n: number;
  text: string;
  /** The sentences that make up `text` (each gets its own marker). */
  parts: string[];
  score: number;
}

export interface Candidate {
  /** `source:sentence` keys of the sentences this candidate is made of. */
  keys: string[];
  /** The sentences, in order (two when one leans on the one before it). */
  parts: string[];
  /** Whether it names one of the question's subjects (or the question has none). */
  onTopic: boolean;
  /** Whether it states a caution (matches the caution unit). */
  caution: boolean;
  n: number;
  rank: number;
  text: string;
  terms: Set<string>;
  /** The question's own keys it names (what a further passage must add to be cited). */
  salient: Set<string>;
  score: number;
}

/** Sentences that only make sense after the one before them. */
const DANGLING_START = /^(this|these|that|those|it|its|they|their|them|such|he|she|here|there|also|however|therefore|thus|hence|furthermore|moreover|in addition|as a result|similarly|other|another|both|the latter|the former|instead|still|but|and|or|so|because|which)\b/i;
/** "Vitamin K2 is Key:", "Q:", "A:", "Note:": a label before the sentence itself. */
const LABEL_PREFIX = /^([A-Z][^:.!?]{0,60}?):\s+(?=["'“(]?[A-Z0-9])/;

/** A label is short and in Title Case ("MGP is the 'Calcification Inhibitor'"), not a lead-in clause. */
function isLabel(label: string): boolean {
  if (/^(Q|A|Note|Tip|Summary)$/i.test(label)) return true;
  const words = label.split(/\s+/).filter((w) => w.length > 3);
  if (!words.length) return false;
  return words.filter((w) => /^["'“(]?[A-Z0-9]/.test(w)).length / words.length >= 0.6;
}

/**
 * Sentences of a passage as answer units: a lead-in ending in ':' absorbs the short list items after
 * it ("Food sources include: seeds, nuts, leafy greens.").
 */
function answerUnits(text: string): { text: string; start: number; end: number }[] {
  const sentences = splitSentences(text);
  const units: { text: string; start: number; end: number }[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    if (!s.text.endsWith(':')) {
      units.push(s);
      continue;
    }
    const items: string[] = [];
    let j = i + 1;
    while (j < sentences.length && sentences[j].text.split(/\s+/).length <= 12 && !sentences[j].text.endsWith(':')) {
      items.push(sentences[j].text.replace(/[.;,]$/, ''));
      j++;
    }
    if (!items.length) continue;
    const list = items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0];
    units.push({ text: `${s.text} ${list}.`, start: s.start, end: sentences[j - 1].end });
    i = j - 1;
  }
  return units;
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared || 1);
};

/** The sentence as it should read in an answer: labels dropped, whitespace folded. */
export function readableSentence(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 2; i++) {
    const m = LABEL_PREFIX.exec(out);
    if (!m || !isLabel(m[1])) break;
    // "Magnesium: This essential mineral…": the label is what "This" refers to, so it stays.
    if (DANGLING_START.test(out.slice(m[0].length))) break;
    out = out.slice(m[0].length);
  }
  return out.replace(/^(["'“])?([a-z])/, (_, q = '', c: string) => q + c.toUpperCase());
}

/** "Yes, …" / "No, …": FAQ answers whose question the page dropped; the word is removed, or the sentence skipped. */
function withoutAnswerWord(text: string): string | null {
  const m = /^(yes|no)\b[,.;:!]?\s+/i.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  if (/^(but|and|or|only|if|not|because|as)\b/i.test(rest) || rest.split(/\s+/).length < 5) return null;
  return rest.replace(/^([a-z])/, (c) => c.toUpperCase());
}

/** Table rows flattened into text ("Feature · K1 · K2", "Primary Source · …") read badly as sentences. */
const TABLE_ROW = /\s·\s|^(feature|nutrient|aspect)\s/i;

/** The first row of a table passage. */
const TABLE_PASSAGE = /^(feature|nutrient|aspect|characteristic|factor|category|attribute)\s/i;
/** Sentences about the article rather than the topic ("This guide explores…"). */
const META = /\b(this|the|our) (article|guide|post|page|review|piece)\b|\b(click|read more|learn more|see below|as mentioned)\b/i;

const keysOf = (text: string) => new Set(fieldKeys(text).keys);

function unitsOf(req: ExtractiveRequest): ExtractiveUnit[] {
  return req.units ?? Object.entries(req.weights).map(([k, w]) => ({ keys: { [k]: 1 }, weight: w }));
}

/** Weight of sentence centrality (pseudo-relevance feedback, 0..1) beside coverage (0..1). */
export const CENTRALITY_WEIGHT = 0.2;
/** Bonus for a sentence that explains ("because", "by …ing", "which leads to") when the question asks how or why. */
export const EXPLAINS_BONUS = 0.06;
/** Most passages one answer cites: a further one must add something the first ones lack. */
export const MAX_SOURCES = 2;
/** A sentence from a passage not yet cited must score at least this share of the best sentence. */
export const NEW_SOURCE_RATIO = 0.85;
/** When the answer leads with another passage, a sentence of the best-ranked one joins at this share of the best score. */
export const TOP_PASSAGE_RATIO = 0.8;
/** Bonus for a sentence that names what the question asks about in its first words (it is about it). */
export const FOCUS_BONUS = 0.1;
const FOCUS_WORDS = 6;
/** Extra credit per further key of the same unit a sentence names ("arteries, kidneys and joints"), up to 3. */
export const EXTRA_KEY_CREDIT = 0.1;

const HOW_WHY = /^\s*(how|why)\b|\b(how come|what causes|in what way)\b/i;
const EXPLAINS = /\b(because|by [a-z]+ing|which (leads?|results?|causes?|means?|makes?)|leading to|resulting in|so that|this is why|thereby|through)\b/i;
/** A question about the asker's own situation ("I'm on warfarin", "should I", "is it safe"). */
const PERSONAL = /\b(should i|can i|could i|may i|do i|is it (safe|ok|okay|wise|fine|bad)|i'?m (on|taking)|i’m (on|taking)|i am (on|taking)|i take)\b/i;
/** "these drugs", "those proteins" early in a sentence point back to the one before it. */
const REFERS_BACK = /^(?:\S+\s+){0,8}?(these|those)\s+[a-z]+s\b/i;

/** Distinct keys a sentence names of one unit, a phrase key standing for the words in it ("vitamin_k2" ⊃ "k2"). */
function distinctKeys(keys: Set<string>, unit: ExtractiveUnit): number {
  const hit = Object.keys(unit.keys).filter((k) => keys.has(k));
  return hit.filter((k) => !hit.some((o) => o !== k && o.split('_').includes(k))).length;
}

interface Unit {
  text: string;
  parts: string[];
  keys: string[];
  words: number;
}

/** A passage's sentences as answer candidates: readable, self-contained (a dangling one carries its predecessor). */
function passageUnits(source: NumberedSource): Unit[] {
  const sentences = answerUnits(source.text);
  const out: Unit[] = [];
  sentences.forEach((s, i) => {
    if (s.text.endsWith('?') || TABLE_ROW.test(s.text) || META.test(s.text)) return;
    const words = s.text.split(/\s+/).length;
    if (words < 5) return;
    const own = withoutAnswerWord(readableSentence(s.text));
    if (own === null) return;
    const unit: Unit = { text: own, parts: [own], keys: [`${source.n}:${i}`], words };
    // A sentence that leans on the one before it carries that one along (and that one's own
    // predecessor when it leans too, up to two back); without a self-contained start it is left out.
    const leans = (text: string) => (DANGLING_START.test(text) && !LABEL_PREFIX.test(text)) || REFERS_BACK.test(text);
    for (let j = i - 1; leans(unit.parts[0]); j--) {
      const prev = j >= 0 && i - j <= 2 ? withoutAnswerWord(readableSentence(sentences[j].text)) : null;
      if (!prev || sentences[j].text.endsWith('?') || sentences[j].text.endsWith(':') || TABLE_ROW.test(prev) || META.test(prev)) return;
      unit.parts.unshift(prev);
      unit.keys.push(`${source.n}:${j}`);
    }
    unit.text = unit.parts.join(' ');
    out.push(unit);
  });
  return out;
}

export function candidates(req: ExtractiveRequest): Candidate[] {
  const all = unitsOf(req);
  const personal = !req.question || PERSONAL.test(req.question);
  const units = all.filter((u) => !u.caution);
  // The "consult your doctor" caution answers someone asking about their own situation, not "how does X work".
  const cautions = personal ? all.filter((u) => u.caution) : [];
  const subjects = units.filter((u) => u.subject);
  const names = (keys: Set<string>, u: ExtractiveUnit) => Object.keys(u.keys).some((k) => keys.has(k));
  const weightTotal = units.reduce((a, u) => a + u.weight, 0) || 1;
  const explain = !!req.question && HOW_WHY.test(req.question);
  // A table flattened into text ("Feature K1 K2 / Primary Source …") has no sentences to quote.
  const passages = req.sources.map((source, rank) => ({
    source,
    rank,
    sectionKeys: keysOf(source.section),
    units: TABLE_PASSAGE.test(source.text) ? [] : passageUnits(source).map((u) => ({ ...u, terms: keysOf(u.text) })),
  }));
  const asked = new Set([...units, ...cautions].flatMap((u) => Object.keys(u.keys)));
  const feedback = feedbackWeights(passages.map((p) => p.units.map((u) => u.terms)), { exclude: asked });
  const central = passages.map((p) => p.units.map((u) => centrality(u.terms, feedback)));
  const maxCentral = Math.max(0, ...central.flat()) || 1;
  const out: Candidate[] = [];
  passages.forEach(({ source, rank, sectionKeys, units: sentences }, p) => {
    sentences.forEach((s, i) => {
      const sKeys = s.terms;
      let match = 0;
      for (const u of units) {
        let best = 0;
        for (const [k, w] of Object.entries(u.keys)) best = Math.max(best, sKeys.has(k) ? w : sectionKeys.has(k) ? w * 0.35 : 0);
        const extra = Math.min(3, Math.max(0, distinctKeys(sKeys, u) - 1));
        match += u.weight * best * (1 + EXTRA_KEY_CREDIT * extra);
      }
      if (match === 0) return;
      const coverage = match / weightTotal;
      const brevity = Math.min(1, 40 / Math.max(s.words, 1)) * 0.05;
      const lead = keysOf(s.parts[s.parts.length - 1].split(/\s+/).slice(0, FOCUS_WORDS).join(' '));
      const focus = units.reduce((a, u) => a + (names(lead, u) ? u.weight : 0), 0) / weightTotal;
      const explains = explain && EXPLAINS.test(s.parts[s.parts.length - 1]) ? EXPLAINS_BONUS : 0;
      const score = coverage + CENTRALITY_WEIGHT * (central[p][i] / maxCentral) + explains + FOCUS_BONUS * focus + 0.15 / (rank + 1) + brevity;
      const onTopic = !subjects.length || subjects.some((u) => names(sKeys, u) || names(sectionKeys, u));
      const caution = cautions.some((u) => names(sKeys, u));
      const salient = new Set([...sKeys].filter((k) => asked.has(k)));
      out.push({ keys: s.keys, parts: s.parts, onTopic, caution, n: source.n, rank, text: s.text, terms: sKeys, salient, score });
    });
  });
  return out.sort((a, b) => b.score - a.score);
}

/** Whether a sentence from a passage not yet cited earns its citation (see `MAX_SOURCES`, `NEW_SOURCE_RATIO`). */
function furtherSource(c: Candidate, chosen: Candidate[], best: number): boolean {
  if (new Set(chosen.map((x) => x.n)).size >= MAX_SOURCES) return false;
  // Retrieval's best passage backs an answer led from elsewhere: its strong sentence is cited too.
  if (c.rank === 0 && c.score >= best * TOP_PASSAGE_RATIO) return true;
  if (c.score < best * NEW_SOURCE_RATIO) return false;
  const said = new Set(chosen.flatMap((x) => [...x.terms]));
  return [...c.salient].some((k) => !said.has(k));
}

/**
 * Picks the sentences of the given passages that best answer the query: weighted term coverage
 * (with the section heading as context), a bonus for better-ranked passages, no near-duplicates,
 * and no sentence whose meaning depends on a missing predecessor. Most direct sentence first.
 */
export function selectSentences(req: ExtractiveRequest): ExtractedSentence[] {
  const max = req.maxSentences ?? 4;
  const pool = candidates(req);
  const onTopic = pool.filter((c) => c.onTopic);
  if (!onTopic.length) return [];
  const best = onTopic[0].score;
  const chosen: Candidate[] = [];
  const count = () => chosen.reduce((n, c) => n + c.parts.length, 0);
  const distinct = (c: Candidate) => !chosen.some((x) => jaccard(x.terms, c.terms) > 0.45 || x.keys.some((k) => c.keys.includes(k)));
  for (const c of onTopic) {
    if (count() >= max) break;
    // The first sentence answers; later ones must be nearly as relevant (a second one a little less).
    if (c.score < best * (chosen.length < 2 ? 0.45 : 0.6)) break;
    // "It is necessary for…" right after a chosen sentence continues it.
    const continues = c.parts.length === 2 ? chosen.find((x) => x.n === c.n && x.keys[0] === c.keys[1]) : undefined;
    if (continues && !chosen.some((x) => x.keys.includes(c.keys[0]))) {
      continues.parts.push(c.parts[1]);
      continues.keys.unshift(c.keys[0]);
      continue;
    }
    // Citing a further passage needs a sentence nearly as strong as the best that adds substance the
    // answer lacks; one repeating what a cited passage says only adds a citation to check.
    const newSource = !chosen.some((x) => x.n === c.n);
    if (newSource && chosen.length && !furtherSource(c, chosen, best)) continue;
    if (distinct(c) && count() + c.parts.length <= max + 1) chosen.push(c);
  }
  // Someone asking about their own medicines gets the articles' own caution first, when they give one;
  // the answer still cites at most `MAX_SOURCES` passages.
  const caution = chosen.find((c) => c.caution) ?? pool.find((c) => c.caution && c.onTopic && distinct(c));
  if (caution) {
    const rest = chosen.filter((c) => c !== caution);
    // The caution answers the asker; other passages would only widen what there is to check.
    const keep = new Set([caution.n]);
    chosen.splice(0, chosen.length, caution, ...rest.filter((c) => keep.has(c.n)));
    while (chosen.length > 1 && count() > max + 1) chosen.pop();
  }
  return chosen.map(({ n, text, parts, score }) => ({ n, text, parts, score }));
}

/** Puts a citation marker before the sentence's closing punctuation: "... to date [1]." */
export function withMarker(sentence: string, n: number): string {
  const readable = readableSentence(sentence);
  const m = /([.!?]["'”)]?)$/.exec(readable);
  return m ? `${readable.slice(0, m.index)} [${n}]${m[1]}` : `${readable} [${n}].`;
}

/** The whole extractive answer: selected sentences, each cited, in one paragraph. */
export function composeExtractive(req: ExtractiveRequest): string {
  return selectSentences(req)
    .map((s) => s.parts.map((p) => withMarker(p, s.n)).join(' '))
    .join(' ');
}
