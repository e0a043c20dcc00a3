import { expandQuery, withCaution, type QueryUnit } from '../search/lexicon';
import { idf } from '../search/lexical';
import { CONTEXT_WEIGHT, isEverydayWord, PHRASING_WEIGHT } from './coverage';
import type { SearchHit, SearchIndex } from '../search/types';
import type { ExtractiveUnit } from './compose-extractive';
import { DECLINE_OPENING } from './phrases';
import { isOwnCase } from './question-form';
import type { HistoryTurn } from './types';

/** Words that point back into the conversation instead of naming a topic. */
const REFERRING = /\b(it|its|it's|they|them|their|theirs|this|that|these|those|one|ones|the same|such|there|he|she|him|her)\b/i;
/** "it" that refers to nothing ("Is it safe to…", "it's best to…"): not a pointer back. */
const EXPLETIVE_IT = /\b(is|was|would|will|does|could|can|isn't) it (safe|ok|okay|true|possible|bad|good|fine|wise|necessary|worth|better|best|smart|dangerous|normal|harmful|helpful|risky|enough|a good idea|a bad idea|too late)\b|\bit('s| is| would be| will be) (safe|ok|okay|true|possible|bad|good|fine|wise|necessary|worth|better|best|dangerous|normal|harmful|helpful|risky|a good idea)\b/gi;
/** Openings of elliptical follow-ups: "And for men?", "What about magnesium?", "How about K1?". */
const ELLIPTIC = /^\s*((ok|okay|so|right|hmm|well|thanks|great)[,.!]?\s+)?(and|or|but|also|so|then|what about|how about|and what about|what else|same for|even|why not|why|how come|really)\b/i;

/** The subjects (nutrients, proteins, conditions, drugs) a text names, as the words it used. */
function subjectsIn(text: string): QueryUnit[] {
  return expandQuery(text).filter((u) => u.subject);
}

/**
 * The user turns a follow-up may lean on, newest first: only those the assistant answered from the
 * articles. A declined or emergency turn lends no subject (its reply lists example questions).
 */
function answeredUserTurns(turns: HistoryTurn[]): HistoryTurn[] {
  const out: HistoryTurn[] = [];
  for (let i = turns.length - 1; i >= 0; i--) {
    if (turns[i].role !== 'user') continue;
    const reply = turns.slice(i + 1).find((t) => t.role === 'assistant');
    if (reply && (reply.text.startsWith(DECLINE_OPENING) || /may be a medical emergency/i.test(reply.text))) continue;
    out.push(turns[i]);
  }
  return out;
}

/**
 * Resolves a follow-up into a standalone retrieval query, offline. A question that names its own
 * subject and doesn't open elliptically stands alone and is never rewritten ("Is it safe to take K2
 * with warfarin?"). An elliptical follow-up without a subject ("and for my husband?") carries the
 * last answered question along; one that only points back ("Which foods contain it?") borrows that
 * turn's subject. A new subject with an elliptical opening ("What about vitamin D?") borrows the
 * rest of the previous question.
 */
export function resolveQuery(question: string, history: HistoryTurn[] = []): string {
  const turns = history.filter((t) => t.text.trim());
  if (!turns.length) return question;
  const own = subjectsIn(question);
  const elliptic = ELLIPTIC.test(question);
  const referring = REFERRING.test(question.replace(EXPLETIVE_IT, ' '));
  if (own.length && !elliptic && !referring) return question;
  const users = answeredUserTurns(turns);
  const previous = users[0]?.text ?? '';
  if (own.length && elliptic) {
    // "What about magnesium?" after "Which foods contain vitamin K2?": keep what was asked, swap the subject.
    const rest = expandQuery(previous).filter((u) => !u.subject).map((u) => u.text);
    return rest.length ? `${question} ${rest.join(' ')}` : question;
  }
  if (own.length) {
    // "Does it interact with warfarin?" after a question about K2: add the subjects it points back to.
    const named = new Set(own.flatMap((u) => u.concepts));
    const lent = subjectsIn(previous).filter((u) => !u.concepts.some((c) => named.has(c)));
    return lent.length ? `${question} ${lent.map((u) => u.text).join(' ')}` : question;
  }
  // "and for my husband?": the last answered question that names a subject, carried along whole.
  const named = users.find((t) => subjectsIn(t.text).length);
  if (elliptic && named) return `${question} ${named.text}`;
  const assistant = turns.filter((t) => t.role === 'assistant' && !t.text.startsWith(DECLINE_OPENING)).reverse();
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
export function extractiveUnits(
  index: Pick<SearchIndex, 'lexical'>,
  query: string,
  asked?: { asking: string; context?: string; nouns?: Set<string> },
): ExtractiveUnit[] {
  const asking = asked?.asking.toLowerCase();
  // Someone asking whether to take, start or change something themselves gets the articles' caution.
  const units = isOwnCase(asked?.asking ?? query) ? withCaution(expandQuery(query)) : expandQuery(query);
  return units.flatMap((u) => {
    const docs = new Set<number>();
    for (const k of u.keys.keys()) for (const d of index.lexical.postings.get(k)?.docs ?? []) docs.add(d);
    // A word no passage has cannot be quoted: it weighs in the decision (coverage.ts), not here.
    if (!docs.size && !u.subject && !u.caution) return [];
    // A floor keeps common but asked-for words ("calcification") from counting for nothing.
    let weight = Math.max(idf(index.lexical.n, docs.size), MIN_UNIT_WEIGHT) * (u.weight ?? 1);
    // Everyday words are how the question is phrased ("seriously", "last", "real"), as in the decision.
    if (isEverydayWord(u, asked?.nouns)) weight *= PHRASING_WEIGHT;
    // Background sentences ("I'm 54 and through menopause") weigh less than the ones that ask.
    if (asking && asked?.context && !asking.includes(u.text.toLowerCase())) weight *= CONTEXT_WEIGHT;
    return [{ keys: Object.fromEntries(u.keys), weight, subject: u.subject, caution: u.caution }];
  });
}

/** Sources worth giving the model: the best hits, dropping those far weaker than the first. */
export function strongHits(hits: SearchHit[], ratio = 0.35): SearchHit[] {
  if (!hits.length) return hits;
  const floor = hits[0].score * ratio;
  return hits.filter((h, i) => i < 3 || h.score >= floor);
}
