import { z } from 'zod';

import { MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, MAX_TURN_CHARS } from './limits';

export { MAX_HISTORY_TURNS, MAX_QUESTION_CHARS, MAX_TURN_CHARS };

export const QuestionSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'Add the question, e.g. {"question": "What does vitamin K2 do?"}.' : 'Send the question as a string.') })
  .trim()
  .min(1, 'Type a question first.')
  .max(MAX_QUESTION_CHARS, `Questions can be at most ${MAX_QUESTION_CHARS} characters. Shorten it and try again.`);

/** Names the unexpected fields (a typo such as "histroy" should not be silently ignored). */
export const unknownFieldsError = (allowed: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' && issue.keys
    ? `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')}. Allowed: ${allowed}.`
    : undefined;

export const HistoryTurnSchema = z.strictObject(
  {
    role: z.enum(['user', 'assistant'], { error: 'Each history turn needs role "user" or "assistant".' }),
    text: z
      .string({ error: 'Each history turn needs its text as a string.' })
      .max(MAX_TURN_CHARS, `Each earlier turn can be at most ${MAX_TURN_CHARS} characters.`),
  },
  { error: (issue) => unknownFieldsError('"role", "text"')(issue) ?? 'Each history turn must be an object such as {"role": "user", "text": "…"}.' },
);

export const HistorySchema = z
  .array(HistoryTurnSchema, { error: 'history must be a list of {"role", "text"} turns.' })
  .max(MAX_HISTORY_TURNS, `At most ${MAX_HISTORY_TURNS} earlier turns can be sent. Start a new chat.`);
