import { queryTerms } from '../text/terms';
import type { HistoryTurn } from './types';

/** Words that point back into the conversation instead of naming a topic. */
const REFERRING = /\b(it|its|it's|they|them|their|this|that|these|those|he|she|one|ones|the same|there)\b/i;

/**
 * Resolves a follow-up into a standalone retrieval query, offline: when the question is short or refers
 * back ("Which foods contain it?"), the most recent earlier user question is added for its topic.
 */
export function resolveQuery(question: string, history: HistoryTurn[] = []): string {
  const previous = [...history].reverse().find((t) => t.role === 'user' && t.text.trim());
  if (!previous) return question;
  const own = queryTerms(question);
  if (own.length >= 5 && !REFERRING.test(question)) return question;
  return `${question} ${previous.text}`;
}
