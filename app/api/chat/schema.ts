import { z } from 'zod';
import { MAX_HISTORY_TURNS, MAX_TURN_CHARS, QuestionSchema } from '@/lib/answer/input-schema';

const PartSchema = z.looseObject(
  {
    type: z.string({ error: 'Each message part needs a "type" string.' }).max(100),
    text: z.string({ error: 'A text part\'s "text" must be a string.' }).max(MAX_TURN_CHARS, `Each message can be at most ${MAX_TURN_CHARS} characters.`).optional(),
  },
  { error: 'Each message part must be an object such as {"type": "text", "text": "…"}.' },
);

const MessageSchema = z.looseObject(
  {
    id: z.string().max(200).optional(),
    role: z.enum(['user', 'assistant'], { error: 'Messages need role "user" or "assistant".' }),
    parts: z.array(PartSchema, { error: 'Each message needs "parts": a list such as [{"type": "text", "text": "…"}].' }).max(200, 'A message can have at most 200 parts.'),
  },
  { error: 'Each message must be an object with "role" and "parts".' },
);

/**
 * The AI SDK's chat request. Fields beyond these are ignored rather than refused: the SDK's transport
 * may add its own, and the body is capped at 64 KB before this runs.
 */
export const ChatRequestSchema = z.object(
  {
    id: z.string().max(200).optional(),
    messages: z
      .array(MessageSchema, { error: 'Send "messages": the conversation as a list of UI messages.' })
      .min(1, 'Send at least one message.')
      .max(MAX_HISTORY_TURNS + 1, `At most ${MAX_HISTORY_TURNS} earlier messages can be sent. Start a new chat.`),
    trigger: z.string().max(50).optional(),
    messageId: z.string().max(200).optional(),
  },
  { error: 'Send a JSON object such as {"messages": [{"role": "user", "parts": [{"type": "text", "text": "…"}]}]}.' },
);

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
