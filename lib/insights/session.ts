import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { getEnv, type Env } from '../env';
import { ApiError } from '../errors';
import { publicOrigin } from '../http/request';

/**
 * The site owner's session for /insights. Signing in with ADMIN_TOKEN sets a cookie holding an
 * expiry, a random nonce and an HMAC of both keyed from the token: nothing is stored server-side,
 * every instance can check it, and changing ADMIN_TOKEN signs everyone out. The cookie is httpOnly,
 * SameSite=Strict and Secure over HTTPS; the token itself never appears in a cookie or a URL.
 */
export const SESSION_COOKIE = 'insights_session';
export const SESSION_SECONDS = 12 * 60 * 60;
/** Sign-in attempts per address per minute (always on: it guards the token against guessing). */
export const SIGN_IN_LIMIT = { name: 'insights-sign-in', limit: 10, what: 'sign-in attempts' };

type OwnerEnv = Pick<Env, 'ADMIN_TOKEN'>;

const sessionKey = (token: string) => createHmac('sha256', token).update('k2-insights-session-v1').digest();
const mac = (token: string, payload: string) => createHmac('sha256', sessionKey(token)).update(payload).digest('base64url');
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Whether `given` is the token, in time independent of where they differ (both hashed to 32 bytes). */
export function tokenMatches(given: unknown, token: string): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(token));
}

export function signSession(token: string, now = Date.now()): string {
  const payload = `${now + SESSION_SECONDS * 1000}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${mac(token, payload)}`;
}

export function verifySession(value: string | undefined, token: string, now = Date.now()): boolean {
  const parts = value?.split('.') ?? [];
  if (parts.length !== 3) return false;
  const [expires, nonce, given] = parts;
  const expected = Buffer.from(mac(token, `${expires}.${nonce}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  return Number(expires) > now;
}

export function cookieValue(cookieHeader: string | null, name = SESSION_COOKIE): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HTTPS as the visitor sees it: the request itself, or the proxy in front that says so. */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded ? forwarded === 'https' : new URL(request.url).protocol === 'https:';
}

export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/**
 * CSRF check for state changes: a browser's request from another site says so in Sec-Fetch-Site or in
 * an Origin that is not this host. Requests with neither header (scripts, curl) carry no ambient session.
 */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  if (origin === 'null') return true;
  const host = new URL(publicOrigin(request)).host;
  try {
    return new URL(origin).host.toLowerCase() !== host.toLowerCase();
  } catch {
    return true;
  }
}

export type OwnerAccess = 'disabled' | 'signed-out' | 'signed-in';

/** What the owner's view shows for a session cookie value. */
export function ownerAccess(session: string | undefined, env: OwnerEnv = getEnv()): OwnerAccess {
  if (!env.ADMIN_TOKEN) return 'disabled';
  return verifySession(session, env.ADMIN_TOKEN) ? 'signed-in' : 'signed-out';
}

/** For the owner's API routes: 404 when /insights is off (no ADMIN_TOKEN), 401 without a valid session. */
export function requireOwner(request: Request, env: OwnerEnv = getEnv()): void {
  const access = ownerAccess(cookieValue(request.headers.get('cookie')), env);
  if (access === 'disabled') throw new ApiError('not_found');
  if (access === 'signed-out') throw new ApiError('unauthorized');
}

/** 404 when /insights is off: the owner's endpoints do not exist without ADMIN_TOKEN. */
export function requireInsightsEnabled(env: OwnerEnv = getEnv()): string {
  if (!env.ADMIN_TOKEN) throw new ApiError('not_found');
  return env.ADMIN_TOKEN;
}
