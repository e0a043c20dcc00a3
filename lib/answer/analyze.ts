import nlp from 'compromise';
import lexiconData from '../../corpus/lexicon.json';
import { processWide } from '../process-wide';
import type { LexiconFile } from '../search/lexicon';
import type { SearchIndex } from '../search/types';
import { splitSentences } from '../text/sentences';
import { createSpeller, expandChatSpellings, type Correction, type Speller } from '../text/spelling';
import { separateInstructions } from './steering';
import { DEFAULT_TRIAGE, redFlags, type RedFlag } from './triage';

/**
 * One question, analysed once and passed along: what triage, retrieval and the decision read.
 * Chat spellings are expanded and misspellings corrected against the library's vocabulary before
 * anything else, so "heart atack", "vitamn D" and "magnesuim" are read as meant.
 */
export interface QuestionAnalysis {
  /** The message as sent. */
  original: string;
  /** Chat spellings expanded, misspellings corrected: what triage reads (the whole message). */
  normalized: string;
  corrections: Correction[];
  /** `normalized` without the clauses that try to steer the assistant: what is answered. */
  question: string;
  /** Clauses left out as instructions to the assistant (the message is data, never instructions). */
  instructions: string[];
  /** The sentences that ask (questions, or the last sentence when none ends in "?"). */
  asking: string;
  /** The other sentences: background such as "I'm 54 and through menopause". */
  context: string;
  redFlags: RedFlag[];
  /** Words the question uses as nouns (things it is about), lower case; pronouns and people excluded. */
  nouns: Set<string>;
}

const spellers = processWide('spellers', () => new WeakMap<object, Speller>());

/** The corrector for one library: its passages' words (with counts), lexicon terms and triage words. */
export function spellerFor(index: Pick<SearchIndex, 'passages'>): Speller {
  let speller = spellers.get(index);
  if (speller) return speller;
  const vocabulary = new Map<string, number>();
  const add = (text: string, n = 1) => {
    for (const w of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z]+/)) if (w) vocabulary.set(w, (vocabulary.get(w) ?? 0) + n);
  };
  for (const p of index.passages) add(`${p.title} ${p.section} ${p.text}`);
  for (const c of (lexiconData as LexiconFile).concepts) for (const t of [...c.terms, ...(c.related ?? [])]) add(t);
  for (const w of DEFAULT_TRIAGE.words) add(w);
  speller = createSpeller(vocabulary);
  spellers.set(index, speller);
  return speller;
}

/** A sentence put as a question (interrogative or inverted) or as a request, whatever its final mark. */
const ASKS_WITHOUT_MARK =
  /^(?:(?:and|so|but|also|please|ok|okay|now)[,\s]+)?(?:what|how|why|when|where|which|who|whom|whose|is|are|was|were|do|does|did|can|could|should|would|will|may|might|must|has|have|had|shall|isn't|aren't|doesn't|don't|can't|won't)\b|\bi(?:'m| am| was)? ?(?:would like|'d like|want|need|wish|wonder|wondering)\b[^.!]*\b(?:if|whether|to know|to find out|to learn|information|info|advice|how|what|why|when|which)\b|\b(?:please|kindly|can you|could you)\s+(?:tell|send|explain|advise|let|help|give|show|provide|describe|list|recommend)\b|\b(?:tell|show|send|give) me\b|\bany (?:ideas|advice|suggestions|information|info|help|recommendations)\b/i;
/** Greetings and sign-offs that close or open a message ("Thank you very much!", "Regards"). */
const CLOSING = /^(?:thanks?|thank you|many thanks|thx|regards|best|cheers|sincerely|hello|hi|dear|greetings|god bless|have a (?:nice|good|great))\b[^.!?]{0,40}[.!?]*$/i;

/** Splits a question into the sentences that ask and the background around them. */
export function askingAndContext(question: string): { asking: string; context: string } {
  // A line break ends a sentence too: a subject line or a signature has no full stop of its own.
  const sentences = question.split(/\n+/).flatMap((line) => splitSentences(line).map((s) => s.text)).filter((s) => s.trim());
  if (sentences.length <= 1) return { asking: question, context: '' };
  const asks = sentences.map((s) => /\?\s*$/.test(s));
  // Without a question mark, the sentences phrased as a question or a request ask ("Could second hand
  // smoke contribute to AMD.", "I wonder if it can cause infertility."); failing those, the last
  // sentence that is not a closing formula ("Thank you very much!").
  if (!asks.some(Boolean)) sentences.forEach((s, i) => (asks[i] = ASKS_WITHOUT_MARK.test(s.trim())));
  if (!asks.some(Boolean)) {
    const last = sentences.findLastIndex((s) => !CLOSING.test(s.trim()));
    asks[last >= 0 ? last : sentences.length - 1] = true;
  }
  // A subject line ("Beckwith-Wiedemann syndrome", "DVT" on a line of its own, as in an email or a
  // contact form) names what the message is about: it asks as much as the question under it.
  const firstLine = question.trimStart().split('\n')[0].trim();
  if (question.trim().includes('\n') && firstLine === sentences[0].trim() && !/[.!?:;,]$/.test(firstLine) && firstLine.split(/\s+/).length <= 10) asks[0] = true;
  return { asking: sentences.filter((_, i) => asks[i]).join(' '), context: sentences.filter((_, i) => !asks[i]).join(' ') };
}

/**
 * The words a text uses as nouns, by compromise's part-of-speech tagger: what a question is about
 * ("sleep" in "help with sleep", "scars"), as against how it is asked ("soak up", "crunchy").
 * Pronouns, possessives and people ("my husband", "the nurse") are not topics.
 */
const NOT_TOPICS = new Set(['Pronoun', 'Possessive', 'Actor', 'Person', 'Date', 'Duration', 'Value', 'Unit', 'Month', 'WeekDay']);

export function nounsOf(text: string): Set<string> {
  const nouns = new Set<string>();
  for (const { terms } of nlp(text).terms().json() as { terms: { normal: string; tags: string[] }[] }[]) {
    const { normal, tags } = terms[0];
    if (tags.includes('Noun') && !tags.some((t) => NOT_TOPICS.has(t))) nouns.add(normal);
  }
  return nouns;
}

/** A message as it is read: chat spellings expanded, misspellings corrected against the library. */
export function normalizeMessage(message: string, index: Pick<SearchIndex, 'passages'>): { normalized: string; corrections: Correction[] } {
  const folded = expandChatSpellings(message.normalize('NFKC').replace(/[‘’ʼ]/g, "'"));
  const { text: normalized, corrections } = spellerFor(index).correct(folded);
  return { normalized, corrections };
}

export function analyzeQuestion(message: string, index: Pick<SearchIndex, 'passages'>): QuestionAnalysis {
  const { normalized, corrections } = normalizeMessage(message, index);
  const { question, instructions } = separateInstructions(normalized);
  const flags = redFlags(normalized);
  // Emergencies are answered by a fixed reply: the tagger is only needed for questions.
  const nouns = flags.length ? new Set<string>() : nounsOf(question);
  return { original: message, normalized, corrections, question, instructions, ...askingAndContext(question), redFlags: flags, nouns };
}
