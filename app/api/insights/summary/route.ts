import { errorResponse } from '@/lib/errors';
import { getEnv } from '@/lib/env';
import { getInsightsStore } from '@/lib/insights/app-store';
import { requireOwner } from '@/lib/insights/session';
import { insightsSummary } from '@/lib/insights/summary';
import { methodNotAllowed } from '@/lib/http/method';
import { getIndex } from '@/lib/search/store';

export const dynamic = 'force-dynamic';

/** `GET /api/insights/summary`: the owner's view as JSON. 404 without ADMIN_TOKEN, 401 without a session. */
export async function GET(request: Request) {
  try {
    requireOwner(request);
    const env = getEnv();
    const store = getInsightsStore(env);
    const summary = await insightsSummary(store && (await store), { days: env.INSIGHTS_RETENTION_DAYS, index: await getIndex().catch(() => undefined) });
    return Response.json(summary, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = methodNotAllowed('GET');
export const PUT = methodNotAllowed('GET');
export const PATCH = methodNotAllowed('GET');
export const DELETE = methodNotAllowed('GET');
