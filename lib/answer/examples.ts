import type { LibraryProfile } from '../library/profile';
import { DECLINE_OPENING } from './phrases';

const COMMON = new Set(['what', 'does', 'do', 'can', 'how', 'is', 'the', 'and', 'a', 'of', 'too', 'much', 'which', 'between', 'be', 'i', 'my', 'for', 'to', 'in', 'on', 'it']);
const words = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !COMMON.has(w)));

/** Up to three of the library's questions, those sharing a topic with the question first. */
export function suggestedQuestions(profile: LibraryProfile, question = '', count = 3): string[] {
  const asked = words(question);
  const scored = profile.questions.map((q, i) => ({ q, i, shared: [...words(q)].filter((w) => asked.has(w)).length }));
  return scored.sort((a, b) => b.shared - a.shared || a.i - b.i).slice(0, count).map((s) => s.q);
}

/** The reply to a question the articles don't cover: what they do cover (the library says), and questions to try. */
export function notCoveredReply(profile: LibraryProfile, question = ''): string {
  const suggestions = suggestedQuestions(profile, question);
  return [
    `${DECLINE_OPENING} I can draw on, so I won't guess.`,
    '',
    `They cover ${profile.about}.${suggestions.length ? ' You could ask, for example:' : ''}`,
    ...suggestions.map((q) => `- ${q}`),
  ].join('\n');
}
