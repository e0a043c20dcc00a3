import { ApiError, errorResponse } from '@/lib/errors';
import { otherMethods } from '@/lib/http/method';
import { enforceRateLimit } from '@/lib/http/rate-limit';
import { clearedSessionCookie, isCrossSite, isHttps, requireInsightsEnabled, sessionCookie, signSession, SIGN_IN_LIMIT, tokenMatches } from '@/lib/insights/session';
import { readSessionRequest } from './schema';

export const dynamic = 'force-dynamic';

const WRONG_TOKEN = 'That is not the ADMIN_TOKEN.';

/** A 303 back to the page for the sign-in form (so reloading does not post again). */
const backToPage = (cookie?: string, failed = false) =>
  new Response(null, { status: 303, headers: { Location: failed ? '/insights?signin=failed' : '/insights', ...(cookie ? { 'Set-Cookie': cookie } : {}) } });

/**
 * `POST /api/insights/session` `{ token }` signs the site owner in (JSON, or the /insights form).
 * 404 without ADMIN_TOKEN; 403 from another site; rate-limited per address; 401 on a wrong token.
 */
export async function POST(request: Request) {
  try {
    const token = requireInsightsEnabled();
    if (isCrossSite(request)) throw new ApiError('forbidden');
    await enforceRateLimit(request, SIGN_IN_LIMIT);
    const body = await readSessionRequest(request);
    const secure = isHttps(request);
    if (body.via === 'form' && body.intent === 'sign-out') return backToPage(clearedSessionCookie(secure));
    const ok = tokenMatches(body.token, token);
    if (body.via === 'form') return ok ? backToPage(sessionCookie(signSession(token), secure)) : backToPage(undefined, true);
    if (!ok) throw new ApiError('unauthorized', WRONG_TOKEN);
    return Response.json({ signedIn: true }, { headers: { 'Set-Cookie': sessionCookie(signSession(token), secure) } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** `DELETE /api/insights/session` signs out (clears the cookie). */
export async function DELETE(request: Request) {
  try {
    requireInsightsEnabled();
    if (isCrossSite(request)) throw new ApiError('forbidden');
    return Response.json({ signedIn: false }, { headers: { 'Set-Cookie': clearedSessionCookie(isHttps(request)) } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH } = otherMethods('POST', 'DELETE');
