import { askQuestion } from '@/lib/answer/service';
import { errorResponse } from '@/lib/errors';
import { parseWith, readJson } from '@/lib/http/request';
import { AskRequestSchema } from './schema';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  try {
    const input = parseWith(AskRequestSchema, await readJson(request));
    const { retrieved: _retrieved, query: _query, ...answer } = await askQuestion(input, request.signal);
    return Response.json(answer);
  } catch (error) {
    return errorResponse(error);
  }
}
