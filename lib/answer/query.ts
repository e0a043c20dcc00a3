import { expandQuery, type QueryUnit } from '../search/lexicon';
import { idf } from '../search/lexical';
import type { SearchHit, SearchIndex } from '../search/types';
import type { ExtractiveUnit } from './compose-extractive';
import type { HistoryTurn } from './types';

/** Words that point back into the conversation instead of naming a topic. */
const REFERRING = /\b(it|its|it's|they|them|their|theirs|this|that|these|those|one|ones|the same|such|there|he|she|him|her)\b/i;
/** Openings of elliptical follow-ups: "And for men?", "What about magnesium?", "How about K1?". */
const ELLIPTIC = /^\s*(and|or|but|also|so|then|what about|how about|and what about|what else|same for|even|why not|why|how come|really)\b/i;

/** The subjects (nutrients, proteins, conditions, drugs) a text names, as the words it used. */
function subjectsIn(text: string): QueryUnit[] {
  return expandQuery(text).filter((u) => u.subject);
}

/**
 * Resolves a follow-up into a standalone retrieval query, offline. A question that names its own
 * subject and doesn't point back stands alone. Otherwise the subject of the conversation (the latest
 * turn that names one: user turns first, then the assistant's reply) is added — "Which foods contain
 * it?" after "Tell me about magnesium" becomes "Which foods contain it? magnesium". A new subject
 * with an elliptical opening ("What about vitamin D?") borrows the rest of the previous question.
 */
export function resolveQuery(question: string, history: HistoryTurn[] = []): string {
  const turns = history.filter((t) => t.text.trim());
  if (!turns.length) return question;
  const own = subjectsIn(question);
  const pointsBack = REFERRING.test(question) || ELLIPTIC.test(question);
  if (own.length && !pointsBack) return question;
  const users = turns.filter((t) => t.role === 'user').reverse();
  if (own.length) {
    // "What about magnesium?" after "Which foods contain vitamin K2?": keep what was asked, swap the subject.
    const previous = users[0]?.text ?? '';
    const rest = expandQuery(previous).filter((u) => !u.subject).map((u) => u.text);
    return rest.length ? `${question} ${rest.join(' ')}` : question;
  }
  const assistant = turns.filter((t) => t.role === 'assistant').reverse();
  for (const turn of [...users.slice(0, 3), ...assistant.slice(0, 1).map((t) => ({ ...t, text: firstSentence(t.text) }))]) {
    const subjects = subjectsIn(turn.text);
    if (subjects.length) return `${question} ${subjects.map((u) => u.text).join(' ')}`;
  }
  return users[0] ? `${question} ${users[0].text}` : question;
}

function firstSentence(text: string): string {
  const m = /^[^.!?\n]*[.!?]?/.exec(text.replace(/\[\d+\]/g, ''));
  return m ? m[0] : text;
}

/** The least weight a unit of the question has in the extractive model. */
export const MIN_UNIT_WEIGHT = 0.5;

/** Weight of each question unit for the extractive model: rarer is heavier (as in retrieval). */
export function extractiveUnits(index: Pick<SearchIndex, 'lexical'>, query: string): ExtractiveUnit[] {
  return expandQuery(query).map((u) => {
    const docs = new Set<number>();
    for (const k of u.keys.keys()) for (const d of index.lexical.postings.get(k)?.docs ?? []) docs.add(d);
    // A floor keeps common but asked-for words ("calcification") from counting for nothing.
    return { keys: Object.fromEntries(u.keys), weight: Math.max(idf(index.lexical.n, docs.size), MIN_UNIT_WEIGHT) * (u.weight ?? 1), subject: u.subject, caution: u.caution };
  });
}

/** Sources worth giving the model: the best hits, dropping those far weaker than the first. */
export function strongHits(hits: SearchHit[], ratio = 0.35): SearchHit[] {
  if (!hits.length) return hits;
  const floor = hits[0].score * ratio;
  return hits.filter((h, i) => i < 3 || h.score >= floor);
}
