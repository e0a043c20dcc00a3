import { createClient } from '@redis/client';
import type { RateLimitHit, RateLimitStore } from './rate-limit-store';

/** INCR and set the expiry on the first hit, atomically; returns the count and the ms left in the window. */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

const KEY_PREFIX = 'k2:ratelimit:';

/**
 * Fixed windows in Redis, so every instance pointed at the same server counts against one limit.
 * Commands fail fast while Redis is unreachable (no offline queue); the caller decides what that means.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis';
  private readonly client;
  private connecting: Promise<unknown> | null = null;
  private lastErrorLog = 0;
  private lastError = 0;

  constructor(
    url: string,
    private readonly timeoutMs = 1000,
  ) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
    });
    this.client.on('error', (error: Error) => {
      this.lastError = Date.now();
      // Reconnects retry on their own; log at most every 30 s instead of on every attempt.
      if (Date.now() - this.lastErrorLog < 30_000) return;
      this.lastErrorLog = Date.now();
      console.warn(`[rate-limit] redis: ${error.message}`);
    });
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    // connect() keeps retrying in the background until Redis answers. While it is down (an error
    // seen recently) requests don't wait at all; otherwise they wait briefly for the connection.
    this.connecting ??= this.client.connect().catch(() => {});
    if (!this.client.isReady && Date.now() - this.lastError > 5000) await this.readyOrError();
    if (!this.client.isReady) throw new Error('Redis is not reachable');
    const reply = await withTimeout(
      this.client.eval(HIT_SCRIPT, { keys: [KEY_PREFIX + key], arguments: [String(windowMs)] }) as Promise<[number, number]>,
      this.timeoutMs,
      'Redis did not answer in time',
    );
    return { count: Number(reply[0]), resetMs: Number(reply[1]) };
  }

  private readyOrError(): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve) => {
        const done = () => {
          this.client.off('ready', done);
          this.client.off('error', done);
          resolve();
        };
        this.client.once('ready', done);
        this.client.once('error', done);
      }),
      this.timeoutMs,
      'Redis is not reachable',
    );
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else if (this.client.isOpen) this.client.destroy();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
