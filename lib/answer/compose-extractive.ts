import { fieldKeys } from '../search/lexical';
import { splitSentences } from '../text/sentences';
import { passageUnits, readableSentence, wordCount, type AnswerUnit } from './answer-units';
import { centrality, feedbackWeights } from './feedback';
import { formFit, isOwnCase, questionForm, type QuestionForm } from './question-form';
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
  /** Most sentences (list items count as one). */
  maxSentences?: number;
  /** Most words, list items included (a list question allows more). */
  maxWords?: number;
  /** The user's own words: read for the form of the question and whether it is about their own case. */
  question?: string;
  /** Medicines are involved: the articles' caution leads the answer. */
  cautionFirst?: boolean;
  /** The answer's form; read from `question` when absent. */
  form?: QuestionForm;
}

export interface ExtractedSentence {
  n: number;
  text: string;
  /** The sentences that make up `text` (each gets its own marker). */
  parts: string[];
  score: number;
  /** Other sources saying the same (cited beside `n`). */
  also: number[];
  /** A list answer: the lead-in is `parts[0]`, these are its items. */
  items?: string[];
}

interface Candidate {
  unit: AnswerUnit;
  n: number;
  rank: number;
  terms: Set<string>;
  /** Per question unit, how strongly this candidate names it (0..1; a section heading counts 0.35). */
  match: number[];
  /** Weighted share of the question it covers. */
  relevance: number;
  /** Relevance with the passage's rank, centrality and brevity: what any answer sentence is ranked by. */
  score: number;
  /** `score` with the question's form and focus in the first sentence: what the first sentence is chosen by. */
  lead: number;
  onTopic: boolean;
  caution: boolean;
}

/** Weight of sentence centrality (pseudo-relevance feedback, 0..1) beside coverage (0..1). */
export const CENTRALITY_WEIGHT = 0.2;
/** Bonus of the first sentence for having the question's form (a number for "how much", a definition…). */
export const FORM_WEIGHT = 0.15;
/** Bonus of the first sentence for naming, itself, what the question asks about beyond its subject. */
export const FOCUS_WEIGHT = 0.25;
/** Credit for covering parts of the question the answer does not cover yet (multi-part questions). */
export const GAIN_WEIGHT = 0.5;
/** The first words in which a sentence about X names X ("MK-7 is…", "For supplementation, MK-7 is…"). */
const SUBJECT_WORDS = 4;
/** Most passages one answer cites; a third only for a part of the question the others leave out. */
export const MAX_SOURCES = 2;
/** Extra credit per further key of the same unit a sentence names ("arteries, kidneys and joints"), up to 3. */
export const EXTRA_KEY_CREDIT = 0.1;
/** Default length: a short answer a phone shows without scrolling (lists may run longer). */
export const MAX_WORDS = 120;
export const MAX_LIST_WORDS = 170;
/** Sentences sharing this share of their keys say the same thing. */
const SAME = 0.45;

const keysOf = (text: string) => new Set(fieldKeys(text).keys);

const jaccard = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared || 1);
};

function unitsOf(req: ExtractiveRequest): ExtractiveUnit[] {
  return req.units ?? Object.entries(req.weights).map(([k, w]) => ({ keys: { [k]: 1 }, weight: w }));
}

/** Distinct keys a sentence names of one unit, a phrase key standing for the words in it ("vitamin_k2" ⊃ "k2"). */
function distinctKeys(keys: Set<string>, unit: ExtractiveUnit): number {
  const hit = Object.keys(unit.keys).filter((k) => keys.has(k));
  return hit.filter((k) => !hit.some((o) => o !== k && o.split('_').includes(k))).length;
}

/** Share of a phrase's weight a text earns by naming only its head, the last word ("calcification" for "arterial calcification"). */
export const HEAD_CREDIT = 0.5;

/** How strongly a text names a unit: its best key's weight (0..1); with `heads`, a phrase's head alone earns `HEAD_CREDIT`. */
function strength(keys: Set<string>, unit: ExtractiveUnit, heads = false): number {
  let best = 0;
  for (const [k, w] of Object.entries(unit.keys)) {
    if (keys.has(k)) best = Math.max(best, w);
    // Only for the words the visitor used (weight 1), not a synonym's ("sunshine vitamin" is no "vitamin").
    else if (heads && w === 1 && k.includes('_')) {
      const head = k.slice(k.lastIndexOf('_') + 1);
      if (head.length >= 4 && keys.has(head)) best = Math.max(best, w * HEAD_CREDIT);
    }
  }
  return best;
}

const unitText = (u: AnswerUnit) => [...u.parts, ...(u.items ?? [])].join(' ');

function candidates(req: ExtractiveRequest, form: QuestionForm): Candidate[] {
  const all = unitsOf(req);
  const personal = !req.question || isOwnCase(req.question);
  const units = all.filter((u) => !u.caution);
  // The "consult your doctor" caution answers someone asking about their own situation, not "how does X work".
  const cautions = all.filter((u) => u.caution);
  const subjects = units.filter((u) => u.subject);
  const weightTotal = units.reduce((a, u) => a + u.weight, 0) || 1;
  const faqMatches = (faq: string) => {
    const keys = keysOf(faq);
    return units.reduce((a, u) => a + (strength(keys, u) > 0 ? u.weight : 0), 0) / weightTotal >= 0.7;
  };
  const passages = req.sources.map((source, rank) => ({
    source,
    rank,
    sectionKeys: keysOf(source.section),
    units: passageUnits(source, { faqMatches })
      .filter((u) => !u.items || form === 'list' || u.items.every((it) => wordCount(it) <= 8))
      .map((u) => ({ unit: u, terms: keysOf(unitText(u)), first: keysOf(u.parts[0]) })),
  }));
  const asked = new Set([...units, ...cautions].flatMap((u) => Object.keys(u.keys)));
  const feedback = feedbackWeights(passages.map((p) => p.units.map((u) => u.terms)), { exclude: asked });
  const central = passages.map((p) => p.units.map((u) => centrality(u.terms, feedback)));
  const maxCentral = Math.max(0, ...central.flat()) || 1;
  const out: Candidate[] = [];
  passages.forEach(({ source, rank, sectionKeys, units: pieces }, p) => {
    pieces.forEach(({ unit, terms, first }, i) => {
      const match = units.map((u) => Math.max(strength(terms, u), 0.35 * strength(sectionKeys, u)));
      let covered = 0;
      units.forEach((u, j) => (covered += u.weight * match[j] * (1 + EXTRA_KEY_CREDIT * Math.min(3, Math.max(0, distinctKeys(terms, u) - 1)))));
      if (covered === 0) return;
      const relevance = covered / weightTotal;
      const words = unit.words;
      const brevity = Math.min(1, 40 / Math.max(words, 1)) * 0.05;
      const score = relevance + CENTRALITY_WEIGHT * (central[p][i] / maxCentral) + 0.15 / (rank + 1) + brevity;
      // The first sentence read should itself name what is asked beyond the subject ("stroke", "liver").
      const focus = units.reduce((a, u) => a + u.weight * strength(first, u), 0) / weightTotal;
      const fit = formFit(form, unit.parts[unit.parts.length - 1], !!unit.items);
      // "What is X" / "what does X do" are answered by a sentence about X: X among its first words.
      const about = (form === 'definition' || form === 'function') && subjects.some((u) => strength(keysOf(unit.parts[0].split(/\s+/).slice(0, SUBJECT_WORDS).join(' ')), u) > 0);
      const lead = score + FORM_WEIGHT * (fit + (about ? 1 : 0)) + FOCUS_WEIGHT * focus - (unit.parts.length > 1 ? 0.05 : 0);
      // On topic when it names a subject; in retrieval's best passage, the head of one is enough
      // ("calcification" under "Reversibility of Calcification" for "arterial calcification").
      const onTopic = !subjects.length || subjects.some((u) => strength(terms, u, rank === 0) > 0 || strength(sectionKeys, u, rank === 0) > 0);
      const caution = cautions.some((u) => strength(terms, u) > 0);
      // "Consult your doctor" answers someone asking about their own case, not "how does X work".
      if (caution && !personal) return;
      out.push({ unit, n: source.n, rank, terms, match, relevance, score, lead, onTopic, caution });
    });
  });
  return out;
}

/**
 * Picks what answers the question from the given passages: the first sentence by relevance, the
 * question's form and its focus; then sentences that cover the parts of the question not yet
 * covered, each distinct from what is already said (a near-duplicate from another article adds its
 * citation instead), within 2–5 sentences and `maxWords`; at most `MAX_SOURCES` passages (a third
 * only for a part the others leave out).
 */
export function selectSentences(req: ExtractiveRequest): ExtractedSentence[] {
  const form = req.form ?? (req.question ? questionForm(req.question) : 'open');
  const maxSentences = req.maxSentences ?? 5;
  const maxWords = req.maxWords ?? (form === 'list' ? MAX_LIST_WORDS : MAX_WORDS);
  const units = unitsOf(req).filter((u) => !u.caution);
  const weightTotal = units.reduce((a, u) => a + u.weight, 0) || 1;
  const all = candidates(req, form);
  const pool = all.filter((c) => c.onTopic);
  if (!pool.length) return [];
  const byLead = [...pool].sort((a, b) => b.lead - a.lead);
  // Someone asking about their own treatment gets the articles' own caution, when they give one: first
  // when medicines are involved (the caution is the answer), else right after the answer.
  const caution = all.filter((c) => c.caution).sort((a, b) => b.score - a.score)[0];
  const first = req.cautionFirst && caution ? caution : byLead[0];
  const best = Math.max(...pool.map((c) => c.score));
  const chosen: { c: Candidate; also: number[] }[] = [{ c: first, also: [] }];
  const second = caution && !first.caution && !caution.unit.keys.some((k) => first.unit.keys.includes(k)) ? caution : undefined;
  if (second) chosen.push({ c: second, also: [] });
  const covered = first.match.slice();
  if (second) second.match.forEach((m, j) => (covered[j] = Math.max(covered[j], m)));
  const sentences = () => chosen.reduce((n, x) => n + x.c.unit.parts.length, 0);
  const words = () => chosen.reduce((n, x) => n + x.c.unit.words, 0);
  const sources = () => new Set(chosen.flatMap((x) => [x.c.n, ...x.also]));
  const keysUsed = () => new Set(chosen.flatMap((x) => x.c.unit.keys));
  // A caution that leads answers the asker from its own passage; others would only widen what there is to check.
  const rest = pool.filter((c) => c !== first && c !== second && (first !== caution || c.n === first.n));
  const askedKeys = new Set(units.flatMap((u) => Object.keys(u.keys)));
  /** Names a key of the question that no chosen sentence names. */
  const namesMore = (c: Candidate) => {
    const said = new Set(chosen.flatMap((x) => [...x.c.terms]));
    return [...c.terms].some((k) => askedKeys.has(k) && !said.has(k));
  };
  while (sentences() < maxSentences) {
    let pick: { c: Candidate; value: number; gain: number } | null = null;
    const used = keysUsed();
    for (const c of rest) {
      if (c.unit.keys.some((k) => used.has(k)) || words() + c.unit.words > maxWords || sentences() + c.unit.parts.length > maxSentences + 1) continue;
      const gain = units.reduce((a, u, j) => a + u.weight * Math.max(0, c.match[j] - covered[j]), 0) / weightTotal;
      const value = c.score + GAIN_WEIGHT * gain;
      if (!pick || value > pick.value) pick = { c, value, gain };
    }
    if (!pick) break;
    const { c, gain } = pick;
    rest.splice(rest.indexOf(c), 1);
    // Later sentences must be nearly as relevant as the best (a second one, which every answer wants, less so).
    if (pick.value < best * (chosen.length < 2 ? 0.35 : 0.65)) break;
    const same = chosen.find((x) => jaccard(x.c.terms, c.terms) > SAME);
    if (same) {
      // The same claim in another article: one sentence, both citations.
      if (same.c.n !== c.n && !same.also.includes(c.n) && jaccard(same.c.terms, c.terms) > 0.55 && (sources().has(c.n) || sources().size < MAX_SOURCES)) same.also.push(c.n);
      continue;
    }
    const newSource = !sources().has(c.n);
    if (newSource && sources().size >= MAX_SOURCES + (gain >= 0.15 ? 1 : 0)) continue;
    // A further passage must add a part of the question the answer lacks; one repeating what a cited
    // passage says only adds a citation to check. Retrieval's best passage backs an answer led from elsewhere.
    if (newSource && gain < 0.05 && !(c.score >= best * 0.85 && namesMore(c)) && !(c.rank === 0 && c.score >= best * 0.8)) continue;
    chosen.push({ c, also: [] });
    c.match.forEach((m, j) => (covered[j] = Math.max(covered[j], m)));
  }
  return chosen.map(({ c, also }) => ({
    n: c.n,
    text: c.unit.parts.join(' '),
    parts: c.unit.parts,
    score: c.score,
    also,
    ...(c.unit.items ? { items: c.unit.items } : {}),
  }));
}

/** Puts citation markers before a readable sentence's closing punctuation: "... to date [1]." */
function marked(sentence: string, n: number | number[]): string {
  const marks = (Array.isArray(n) ? n : [n]).map((k) => `[${k}]`).join('');
  const m = /([.!?]["'”)]?)$/.exec(sentence);
  return m ? `${sentence.slice(0, m.index)} ${marks}${m[1]}` : `${sentence} ${marks}.`;
}

/** A passage sentence as it reads in an answer (labels dropped), with its markers. */
export function withMarker(sentence: string, n: number | number[]): string {
  return marked(readableSentence(sentence), n);
}

const lowerItem = (item: string) => (/^[A-Z][a-z]+\b/.test(item) && !item.includes(':') ? item[0].toLowerCase() + item.slice(1) : item);

/** A list: inline when its items are short ("…include seeds, nuts and legumes [1]."), else one cited line per item. */
function renderList(s: ExtractedSentence, marks: number[]): string {
  const items = s.items!.map((it) => it.replace(/[.;,]$/, ''));
  const lead = s.parts[0].replace(/:$/, '');
  if (items.every((it) => wordCount(it) <= 8)) {
    const list = items.length > 1 ? `${items.slice(0, -1).map(lowerItem).join(', ')} and ${lowerItem(items[items.length - 1])}` : lowerItem(items[0]);
    return marked(`${lead} ${list}.`, marks);
  }
  // Every sentence of an item is a claim of its own, cited; so is the lead-in, which is the passage's words too.
  const cite = (item: string) => splitSentences(`${item}.`).map((sentence) => marked(sentence.text, marks)).join(' ');
  // A blank line after the list: a sentence after it is a paragraph of its own, not part of the last item.
  return `${lead} ${marks.map((k) => `[${k}]`).join('')}:\n${items.map((it) => `- ${cite(it)}`).join('\n')}\n\n`;
}

/** The whole extractive answer: the selected sentences, each cited, in one paragraph (a list on its own lines). */
export function composeExtractive(req: ExtractiveRequest): string {
  const out: string[] = [];
  for (const s of selectSentences(req)) {
    const marks = [s.n, ...s.also];
    if (s.items) out.push(renderList(s, marks));
    else out.push(s.parts.map((p, i) => marked(p, i === s.parts.length - 1 ? marks : s.n)).join(' '));
  }
  return out.join(' ').replace(/\n /g, '\n').trim();
}
