import { errorResponse } from '@/lib/errors';
import { currentInsightsSummary } from '@/lib/insights/app-store';
import { requireOwner } from '@/lib/insights/session';
import { otherMethods } from '@/lib/http/method';

export const dynamic = 'force-dynamic';

/** `GET /api/insights/summary`: the owner's view as JSON. 404 without ADMIN_TOKEN, 401 without a session. */
export async function GET(request: Request) {
  try {
    requireOwner(request);
    const summary = await currentInsightsSummary();
    return Response.json(summary, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods('GET');
