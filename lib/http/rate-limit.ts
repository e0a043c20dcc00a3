import { getEnv, type Env } from '../env';
import { ApiError } from '../errors';
import { MemoryRateLimitStore } from './rate-limit-memory';
import { RedisRateLimitStore } from './rate-limit-redis';
import type { RateLimitStore } from './rate-limit-store';
import { clientIp } from './request';

export const RATE_LIMIT_WINDOW_MS = 60_000;

type LimitEnv = Pick<Env, 'RATE_LIMIT_PER_MINUTE' | 'REDIS_URL' | 'TRUSTED_PROXY_COUNT'>;

let current: { url: string | undefined; store: RateLimitStore } | null = null;
let lastFailureLog = 0;

/** The process's store: Redis when REDIS_URL is set (shared by every instance), else memory. */
export function rateLimitStore(env: Pick<Env, 'REDIS_URL'> = getEnv()): RateLimitStore {
  if (!current || current.url !== env.REDIS_URL) {
    void current?.store.close?.().catch(() => {});
    current = { url: env.REDIS_URL, store: env.REDIS_URL ? new RedisRateLimitStore(env.REDIS_URL) : new MemoryRateLimitStore() };
  }
  return current.store;
}

/** For tests: forget the current store (closing its connection). */
export async function resetRateLimitStore(): Promise<void> {
  const store = current?.store;
  current = null;
  await store?.close?.();
}

/** A separate count for other endpoints (votes, sign-in), so they never use up a visitor's questions. */
export interface RateLimitScope {
  name: string;
  /** Per minute; unset = RATE_LIMIT_PER_MINUTE. */
  limit?: number;
  /** What is counted, for the 429 message, e.g. 'sign-in attempts'. */
  what?: string;
}

/**
 * Counts a request against its client's per-minute limit and throws a 429 with Retry-After past it:
 * without `scope`, the answer endpoints' shared count (RATE_LIMIT_PER_MINUTE, 0 turns it off); with
 * one, that scope's own count. When the Redis store is unreachable the request is let through
 * (logged): a broken limiter must not take answers down.
 */
export async function enforceRateLimit(request: Request, scope?: RateLimitScope, env: LimitEnv = getEnv()): Promise<void> {
  const limit = scope?.limit ?? env.RATE_LIMIT_PER_MINUTE;
  if (!limit) return;
  let hit;
  try {
    const ip = clientIp(request, env.TRUSTED_PROXY_COUNT);
    hit = await rateLimitStore(env).hit(scope ? `${scope.name}:${ip}` : ip, RATE_LIMIT_WINDOW_MS);
  } catch (error) {
    if (Date.now() - lastFailureLog > 30_000) {
      lastFailureLog = Date.now();
      console.warn(`[rate-limit] store unavailable, not limiting: ${error instanceof Error ? error.message : error}`);
    }
    return;
  }
  if (hit.count <= limit) return;
  const seconds = Math.max(1, Math.ceil(hit.resetMs / 1000));
  throw new ApiError(
    'rate_limited',
    `Too many ${scope?.what ?? 'questions'} from this address: at most ${limit} a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    { 'Retry-After': String(seconds) },
  );
}
