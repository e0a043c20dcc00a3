import { z } from 'zod';
import { MAX_HISTORY_TURNS, MAX_TURN_CHARS, QuestionSchema } from '@/lib/answer/input-schema';

const PartSchema = z.looseObject({ type: z.string(), text: z.string().max(MAX_TURN_CHARS, `Each message can be at most ${MAX_TURN_CHARS} characters.`).optional() });

const MessageSchema = z.looseObject({
  id: z.string().max(200).optional(),
  role: z.enum(['user', 'assistant'], { error: 'Messages need role "user" or "assistant".' }),
  parts: z.array(PartSchema).max(200),
});

export const ChatRequestSchema = z.object({
  id: z.string().max(200).optional(),
  messages: z
    .array(MessageSchema)
    .min(1, 'Send at least one message.')
    .max(MAX_HISTORY_TURNS + 1, `At most ${MAX_HISTORY_TURNS} earlier messages can be sent. Start a new chat.`),
  trigger: z.string().max(50).optional(),
  messageId: z.string().max(200).optional(),
});

const textOf = (parts: z.infer<typeof PartSchema>[]) =>
  parts
    .map((p) => (p.type === 'text' && typeof p.text === 'string' ? p.text : ''))
    .join('')
    .trim();

/** The last user message is the question; the messages before it are the history. */
export function toAnswerInput(body: z.infer<typeof ChatRequestSchema>) {
  const last = body.messages[body.messages.length - 1];
  if (last.role !== 'user') throw new z.ZodError([{ code: 'custom', path: ['messages'], message: 'The last message must be the user\'s question.', input: last }]);
  const question = QuestionSchema.parse(textOf(last.parts));
  const history = body.messages
    .slice(0, -1)
    .map((m) => ({ role: m.role, text: textOf(m.parts).replace(/\s?\[\d{1,3}\]/g, '') }))
    .filter((t) => t.text);
  return { question, history };
}
