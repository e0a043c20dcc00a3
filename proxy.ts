import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env';
import { contentSecurityPolicy, frameAncestorsFor, STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

/**
 * Runs before every page and API route: a fresh CSP nonce per request (Next applies it to its own
 * scripts), framing rules from EMBED_ALLOWED_ORIGINS, and the static security headers.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const frameAncestors = frameAncestorsFor(request.nextUrl.pathname, getEnv().EMBED_ALLOWED_ORIGINS);
  const csp = contentSecurityPolicy({ nonce, frameAncestors, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  // Older browsers ignore frame-ancestors: pages only this site may frame say so the old way too.
  if (!frameAncestors.length) response.headers.set('X-Frame-Options', 'SAMEORIGIN');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico).*)' }],
};
