import { z } from 'zod';

export const MAX_QUESTION_CHARS = 2000;
export const MAX_HISTORY_TURNS = 40;
export const MAX_TURN_CHARS = 8000;

export const QuestionSchema = z
  .string({ error: 'Send the question as a string.' })
  .trim()
  .min(1, 'Type a question first.')
  .max(MAX_QUESTION_CHARS, `Questions can be at most ${MAX_QUESTION_CHARS} characters. Shorten it and try again.`);

export const HistoryTurnSchema = z.object({
  role: z.enum(['user', 'assistant'], { error: 'Each history turn needs role "user" or "assistant".' }),
  text: z.string().max(MAX_TURN_CHARS, `Each earlier turn can be at most ${MAX_TURN_CHARS} characters.`),
});

export const HistorySchema = z
  .array(HistoryTurnSchema)
  .max(MAX_HISTORY_TURNS, `At most ${MAX_HISTORY_TURNS} earlier turns can be sent. Start a new chat.`);
