import { z } from 'zod';
import { HistorySchema, QuestionSchema, unknownFieldsError } from '@/lib/answer/input-schema';

/** Unknown fields are refused rather than ignored, so a misspelt field gets a message instead of a silent default. */
export const AskRequestSchema = z.strictObject(
  {
    question: QuestionSchema,
    history: HistorySchema.optional(),
  },
  {
    error: (issue) =>
      unknownFieldsError('"question", "history"')(issue) ?? 'Send a JSON object such as {"question": "What does vitamin K2 do?"}.',
  },
);
