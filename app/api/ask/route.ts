import { askQuestion } from '@/lib/answer/service';
import { ApiError, errorResponse } from '@/lib/errors';
import { otherMethods } from '@/lib/http/method';
import { enforceRateLimit } from '@/lib/http/rate-limit';
import { parseWith, publicOrigin, readJson } from '@/lib/http/request';
import { AskRequestSchema } from './schema';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  try {
    await enforceRateLimit(request);
    const input = parseWith(AskRequestSchema, await readJson(request));
    const { retrieved: _retrieved, query: _query, ...answer } = await askQuestion(input, request.signal, { log: request.headers.get('x-warm-up') !== '1' });
    // The same links as the chat's markers, absolute for integrations that show them elsewhere.
    const origin = publicOrigin(request);
    return Response.json({ ...answer, citations: answer.citations.map((c) => ({ ...c, url: new URL(c.url, origin).href })) });
  } catch (error) {
    return errorResponse(request.signal.aborted ? new ApiError('cancelled') : error);
  }
}

export const { GET, PUT, PATCH, DELETE } = otherMethods('POST');
