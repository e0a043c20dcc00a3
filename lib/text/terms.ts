import { contentStems } from './tokenize';

/** Words that carry no topic in questions, on top of the English stop words. */
const QUESTION_WORDS = ['does', 'do', 'did', 'can', 'could', 'should', 'would', 'will', 'tell', 'please', 'know', 'explain', 'much', 'many', 'thing', 'things', 'really', 'true', 'take', 'get', 'use', 'good', 'best', 'eat', 'eating', 'help', 'helps',
  'contain', 'contains', 'lot', 'lots', 'start', 'starting', 'need', 'needs', 'want', 'like', 'way', 'ways', 'work', 'works',
  'happen', 'happens', 'mean', 'means', 'which', 'what', 'why', 'how', 'when', 'where', 'who', 'anything', 'something', 'okay', 'ok', 'safe',
  'ignore', 'instructions', 'previous', 'prompt', 'system', 'print', 'pretend', 'act', 'rules', 'say', 'answer', 'question', 'questions', 'anyway', 'actually', 'someone', 'people', 'person',
  'besides', 'also', 'else', 'other', 'make', 'makes', 'find', 'found', 'any', 'some', 'there', 'lot', 'kind', 'sort', 'bit', 'little', 'stuff', 'go', 'going', 'able', 'worth', 'possible', 'possibly', 'exactly', 'dear', 'hi', 'hello', 'thanks', 'thank',
  'give', 'gives', 'giving', 'gave', 'keep', 'keeps', 'have', 'has', 'having', 'got', 'come', 'comes', 'try', 'seem', 'seems', 'let',
  'affect', 'affects', 'affected', 'affecting', 'impact', 'impacts', 'influence', 'influences', 'effect', 'effects'];

const questionStems = new Set(QUESTION_WORDS.flatMap((w) => contentStems(w)));

/** Question filler: a stem that says how something is asked, not what about. */
export const isFillerStem = (stem: string) => questionStems.has(stem);

/** Stemmed content terms of a text, in order, stop words removed (duplicates kept). */
export function terms(text: string): string[] {
  return contentStems(text);
}

/** Terms that say what a question is about: `terms` minus question filler such as "should" or "best". */
export function queryTerms(text: string): string[] {
  return [...new Set(terms(text))].filter((t) => !questionStems.has(t));
}

/** Numbers and doses as written ("90", "150", "4,800", "45"), for checking that claims keep them. */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,/g, ''));
}
