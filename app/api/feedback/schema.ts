import { z } from 'zod';
import { unknownFieldsError } from '@/lib/answer/input-schema';
import { MAX_COMMENT_CHARS, RATINGS, REASONS } from '@/lib/insights/types';

/** A vote on one answer. Unknown fields are refused, as on /api/ask. */
export const FeedbackRequestSchema = z.strictObject(
  {
    answerId: z.uuid({ error: '"answerId" must be the answerId of an answer (a UUID from /api/ask or the chat\'s message metadata).' }),
    rating: z.enum(RATINGS, { error: '"rating" must be "up" or "down".' }),
    reason: z.enum(REASONS, { error: `"reason" must be one of ${REASONS.map((r) => `"${r}"`).join(', ')}.` }).optional(),
    comment: z
      .string({ error: '"comment" must be a string.' })
      .trim()
      .max(MAX_COMMENT_CHARS, `"comment" can be at most ${MAX_COMMENT_CHARS} characters.`)
      .optional()
      .transform((c) => c || undefined),
  },
  {
    error: (issue) =>
      unknownFieldsError('"answerId", "rating", "reason", "comment"')(issue) ?? 'Send a JSON object such as {"answerId": "…", "rating": "down", "reason": "unclear"}.',
  },
);
