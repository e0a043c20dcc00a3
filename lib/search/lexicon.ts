import lexiconData from '../../corpus/lexicon.json';
import { analyze } from '../text/tokenize';
import { isFillerStem } from '../text/terms';

/** The lexicon as written in `corpus/lexicon.json`. */
export interface LexiconFile {
  subjects?: string[];
  /** Question forms that imply a concept ("what does X do" → role), as regular expressions. */
  patterns?: { regex: string; concept: string }[];
  concepts: { id: string; terms: string[]; related?: string[] }[];
}

/** Weight of a concept's other words relative to the word the question used, and of related words. */
export const SYNONYM_WEIGHT = 0.8;
export const RELATED_WEIGHT = 0.4;

interface Alternative {
  concept: number;
  /** Stems of every word (stop words included), for matching questions. */
  full: string[];
  /** Stems of the content words, for matching passages; empty for pure question phrases. */
  content: string[];
  /** The index key: a stem, or content stems joined by '_' for a phrase; null when it only triggers. */
  key: string | null;
  related: boolean;
}

export interface CompiledLexicon {
  concepts: { id: string; subject: boolean; alternatives: Alternative[] }[];
  /** Question-side triggers by first stem (full-word sequences and content-word sequences). */
  triggers: Map<string, Alternative[]>;
  /** Multi-word keys to recognise in passages, by first content stem. */
  phrases: Map<string, { seq: string[]; key: string }[]>;
  patterns: { regex: RegExp; concept: number }[];
}

export const phraseKey = (content: string[]) => content.join('_');

function addTo<V>(map: Map<string, V[]>, key: string, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Turns the lexicon's words into stem sequences and keys, with the same analysis as passages. */
export function compileLexicon(file: LexiconFile): CompiledLexicon {
  const subjects = new Set(file.subjects ?? []);
  const concepts: CompiledLexicon['concepts'] = [];
  const triggers = new Map<string, Alternative[]>();
  const phrases = new Map<string, { seq: string[]; key: string }[]>();
  const seenPhrase = new Set<string>();
  file.concepts.forEach((c, ci) => {
    const alternatives: Alternative[] = [];
    const add = (text: string, related: boolean) => {
      const { stems, stop } = analyze(text);
      if (!stems.length) return;
      const content = stems.filter((_, i) => !stop[i]);
      const searchable = content.length > 0 && !content.every(isFillerStem);
      const key = !searchable ? null : content.length === 1 ? content[0] : phraseKey(content);
      const alt: Alternative = { concept: ci, full: stems, content, key, related };
      alternatives.push(alt);
      if (!related) {
        addTo(triggers, stems[0], alt);
        if (content.length > 1 && content.length < stems.length) addTo(triggers, content[0], { ...alt, full: content });
      }
      if (key && content.length > 1 && !seenPhrase.has(key)) {
        seenPhrase.add(key);
        addTo(phrases, content[0], { seq: content, key });
      }
    };
    for (const t of c.terms) add(t, false);
    for (const t of c.related ?? []) add(t, true);
    concepts.push({ id: c.id, subject: subjects.has(c.id), alternatives });
  });
  for (const list of triggers.values()) list.sort((a, b) => b.full.length - a.full.length);
  for (const list of phrases.values()) list.sort((a, b) => b.seq.length - a.seq.length);
  const ids = new Map(concepts.map((c, i) => [c.id, i]));
  const patterns = (file.patterns ?? []).flatMap((p) => (ids.has(p.concept) ? [{ regex: new RegExp(p.regex, 'i'), concept: ids.get(p.concept)! }] : []));
  return { concepts, triggers, phrases, patterns };
}

/**
 * The domain lexicon (`corpus/lexicon.json`). `LEXICON=off` runs without it, to measure what a library
 * gets without a domain file (`LEXICON=off npm run eval -- --library …`). It covers retrieval (query
 * expansion and phrase keys); triage and the speller keep the lexicon's words.
 */
export const DEFAULT_LEXICON: CompiledLexicon = compileLexicon(process.env.LEXICON === 'off' ? { concepts: [] } : (lexiconData as LexiconFile));

/** Phrase keys found in a sequence of content stems ("hardening of the arteries" → "harden_arteri"). */
export function phraseKeysIn(content: string[], lexicon: CompiledLexicon = DEFAULT_LEXICON): string[] {
  const out: string[] = [];
  for (let i = 0; i < content.length; i++) {
    const candidates = lexicon.phrases.get(content[i]);
    if (!candidates) continue;
    for (const { seq, key } of candidates) {
      let ok = i + seq.length <= content.length;
      for (let j = 1; ok && j < seq.length; j++) ok = content[i + j] === seq[j];
      if (ok) out.push(key);
    }
  }
  return out;
}

/** One part of a question: a plain word, or a concept with the keys that express it and their weights. */
export interface QueryUnit {
  /** The words of the question this unit stands for. */
  text: string;
  keys: Map<string, number>;
  /** Lexicon concept ids (empty for a plain word). */
  concepts: string[];
  subject: boolean;
  /** Relative weight in scoring (default 1); implied units weigh less and don't count for coverage. */
  weight?: number;
  implied?: boolean;
  /** The implied "consult a doctor" unit of a medication question. */
  caution?: boolean;
}

/** Concepts whose questions should also find the articles' cautions (e.g. "consult your doctor"). */
export const CAUTION_TRIGGERS = ['blood-thinner', 'medication', 'pregnancy', 'interaction'];
export const CAUTION_CONCEPT = 'doctor';
export const CAUTION_WEIGHT = 0.3;

const matches = (stems: string[], at: number, seq: string[]) => {
  if (at + seq.length > stems.length) return false;
  for (let j = 0; j < seq.length; j++) if (stems[at + j] !== seq[j]) return false;
  return true;
};

/**
 * Splits a question into units: lexicon phrases (longest first, matched on all words, then on content
 * words only) become concepts with every alternative as a weighted key; other content words stay plain.
 * Question filler ("what", "should", "best") is dropped.
 */
export function expandQuery(query: string, lexicon: CompiledLexicon = DEFAULT_LEXICON): QueryUnit[] {
  const { stems, stop, words } = analyze(query);
  const used = new Array<boolean>(stems.length).fill(false);
  const units: QueryUnit[] = [];
  const byConcepts = new Map<string, QueryUnit>();
  const addConcepts = (alts: Alternative[], text: string) => {
    const ids = [...new Set(alts.map((a) => a.concept))].sort((a, b) => a - b);
    const name = ids.join(',');
    const existing = byConcepts.get(name);
    const keys = existing?.keys ?? new Map<string, number>();
    const set = (k: string | null, w: number) => k && keys.set(k, Math.max(keys.get(k) ?? 0, w));
    for (const ci of ids) for (const a of lexicon.concepts[ci].alternatives) set(a.key, a.related ? RELATED_WEIGHT : SYNONYM_WEIGHT);
    for (const a of alts) set(a.key, 1);
    if (existing) return;
    const unit: QueryUnit = {
      text,
      keys,
      concepts: ids.map((ci) => lexicon.concepts[ci].id),
      subject: ids.some((ci) => lexicon.concepts[ci].subject),
    };
    byConcepts.set(name, unit);
    units.push(unit);
  };
  const take = (alts: Alternative[], positions: number[]) => {
    for (const p of positions) used[p] = true;
    addConcepts(alts, words.slice(positions[0], positions[positions.length - 1] + 1).join(' '));
  };
  // Pass 1: phrases over all words (catches "too much", "is it true", "hardening of the arteries").
  for (let i = 0; i < stems.length; i++) {
    const list = used[i] ? [] : (lexicon.triggers.get(stems[i]) ?? []).filter((a) => a.full.length > 1);
    const best = list.find((a) => matches(stems, i, a.full) && !used.slice(i, i + a.full.length).some(Boolean));
    if (!best) continue;
    const len = best.full.length;
    take(list.filter((a) => a.full.length === len && matches(stems, i, a.full)), Array.from({ length: len }, (_, j) => i + j));
    i += len - 1;
  }
  // Pass 2: phrases over the remaining content words ("clogs your arteries" for "clogs arteries").
  const rest = stems.map((s, i) => ({ s, i })).filter(({ i }) => !used[i] && !stop[i]);
  const restStems = rest.map((r) => r.s);
  for (let r = 0; r < rest.length; r++) {
    const list = (lexicon.triggers.get(restStems[r]) ?? []).filter((a) => a.content.length > 1);
    const best = list.find((a) => matches(restStems, r, a.content));
    if (!best) continue;
    const len = best.content.length;
    take(list.filter((a) => a.content.length === len && matches(restStems, r, a.content)), rest.slice(r, r + len).map((x) => x.i));
    r += len - 1;
  }
  // Pass 3: single words.
  for (let i = 0; i < stems.length; i++) {
    if (used[i] || stop[i]) continue;
    const alts = (lexicon.triggers.get(stems[i]) ?? []).filter((a) => a.full.length === 1 && a.full[0] === stems[i]);
    if (alts.length) take(alts, [i]);
  }
  // "vitamin A", "vitamin B12": a vitamin the lexicon does not know is one unit, not the word "vitamin".
  for (let i = 0; i + 1 < stems.length; i++) {
    if (stems[i] !== 'vitamin' || used[i] || used[i + 1] || !/^[a-z]\d{0,2}$/.test(stems[i + 1])) continue;
    used[i] = used[i + 1] = true;
    units.push({ text: `vitamin ${words[i + 1]}`, keys: new Map([[`vitamin_${stems[i + 1]}`, 1]]), concepts: [], subject: true });
  }
  for (let i = 0; i < stems.length; i++) {
    if (used[i] || stop[i] || isFillerStem(stems[i])) continue;
    if (units.some((u) => u.concepts.length === 0 && u.keys.has(stems[i]))) continue;
    units.push({ text: words[i], keys: new Map([[stems[i], 1]]), concepts: [], subject: false });
  }
  // Question forms imply a concept the words alone don't name ("What does K2 do?" asks for its role).
  for (const p of lexicon.patterns) {
    if (!p.regex.test(query) || units.some((u) => u.concepts.includes(lexicon.concepts[p.concept].id))) continue;
    addConcepts(lexicon.concepts[p.concept].alternatives.filter((a) => !a.related), lexicon.concepts[p.concept].id);
    Object.assign(units[units.length - 1], { weight: 0.5, implied: true });
  }
  return withCautions(units, lexicon);
}

/** A medication question also looks for the passages that say to consult a doctor. */
function withCautions(units: QueryUnit[], lexicon: CompiledLexicon): QueryUnit[] {
  const ask = units.some((u) => u.concepts.some((c) => CAUTION_TRIGGERS.includes(c)));
  return ask ? withCaution(units, lexicon) : units;
}

/** The units with the "consult a doctor" caution added (once): for questions about one's own treatment. */
export function withCaution(units: QueryUnit[], lexicon: CompiledLexicon = DEFAULT_LEXICON): QueryUnit[] {
  const caution = lexicon.concepts.find((c) => c.id === CAUTION_CONCEPT);
  if (!caution || units.some((u) => u.concepts.includes(CAUTION_CONCEPT))) return units;
  const keys = new Map<string, number>();
  for (const a of caution.alternatives) if (a.key) keys.set(a.key, a.related ? RELATED_WEIGHT : 1);
  return [...units, { text: 'doctor', keys, concepts: [CAUTION_CONCEPT], subject: false, weight: CAUTION_WEIGHT, implied: true, caution: true }];
}
