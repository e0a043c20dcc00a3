import { tokenizer as oramaTokenizer } from '@orama/orama/components';
import { stopwords } from '@orama/stopwords/english';
import { processWide } from '../process-wide';

/**
 * The project's word analysis, shared by indexing, query expansion, coverage and the extractive model:
 * fold quotes, possessives and diacritics, join short codes ("MK-7", "mk 7" → "mk7"; "D-3" → "d3"),
 * split like Orama's English splitter, mark stop words and stem with Orama's English stemmer.
 * Stems are cached: a corpus has a few thousand distinct words, so analysis is a split plus lookups.
 */

export const STOP_WORDS: readonly string[] = [...new Set([...stopwords, 'a'])];
const STOP = new Set(STOP_WORDS);

const stem: (word: string) => string = oramaTokenizer.createTokenizer({ language: 'english', stemming: true }).stemmer!;
const cache = processWide('stem-cache', () => new Map<string, string>());
const MAX_CACHE = 200_000;

function stemOf(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : stem(word);
    if (cache.size < MAX_CACHE) cache.set(word, s);
  }
  return s;
}

/** Curly quotes, possessives and contractions folded; diacritics removed; lower case. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[µμ]g\b/g, 'mcg')
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/\b(\w+)n't\b/g, '$1 not')
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/'(s|m|re|ve|ll|d)\b/g, '')
    .replace(/\b([a-z]{3,})(\d+)\b/g, '$1 $2') // "hydralazine50", "metformin500": a word and a number
    .replace(/\b([a-z]{1,2})-(\d{1,2})\b/g, '$1$2')
    .replace(/\bmk (\d{1,2})\b/g, 'mk$1');
}

const SPLIT = /[^a-z0-9]+/;

export interface Analyzed {
  /** Every word's stem, stop words included, in order. */
  stems: string[];
  /** Whether each word is a stop word. */
  stop: boolean[];
  /** The folded words themselves. */
  words: string[];
}

/** Full analysis of a text: all words' stems in order, with stop words marked. */
export function analyze(text: string): Analyzed {
  const stems: string[] = [];
  const stop: boolean[] = [];
  const words: string[] = [];
  for (const word of foldText(text).split(SPLIT)) {
    if (!word) continue;
    const isStop = STOP.has(word);
    stems.push(isStop ? word : stemOf(word));
    stop.push(isStop);
    words.push(word);
  }
  return { stems, stop, words };
}

/** Stemmed content words of a text, in order, stop words removed (duplicates kept). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const word of foldText(text).split(SPLIT)) if (word && !STOP.has(word)) out.push(stemOf(word));
  return out;
}
