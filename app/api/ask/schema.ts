import { z } from 'zod';
import { HistorySchema, QuestionSchema } from '@/lib/answer/input-schema';

export const AskRequestSchema = z.object({
  question: QuestionSchema,
  history: HistorySchema.optional(),
});
