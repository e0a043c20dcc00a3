import { ApiError, errorResponse } from '@/lib/errors';
import { getInsightsStore } from '@/lib/insights/app-store';
import { otherMethods } from '@/lib/http/method';
import { enforceRateLimit } from '@/lib/http/rate-limit';
import { parseWith, readJson } from '@/lib/http/request';
import { FeedbackRequestSchema } from './schema';

export const dynamic = 'force-dynamic';

/** Votes have their own per-address count, so voting never uses up a visitor's questions. */
const FEEDBACK_LIMIT = { name: 'feedback', what: 'votes' };

/** `POST /api/feedback`: one vote per answer; sending another replaces it. */
export async function POST(request: Request) {
  try {
    await enforceRateLimit(request, FEEDBACK_LIMIT);
    const { answerId, ...feedback } = parseWith(FeedbackRequestSchema, await readJson(request));
    const store = await getInsightsStore();
    // INSIGHTS=off: nothing is kept, so there is nothing to vote on; the visitor's vote is not an error.
    if (!store) return Response.json({ answerId, ...feedback, stored: false });
    if (!(await store.setFeedback(answerId, feedback))) {
      throw new ApiError('not_found', 'No answer with this answerId is logged (it may be older than the log keeps). Vote on an answer from /api/ask or the chat.');
    }
    return Response.json({ answerId, ...feedback, stored: true });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
