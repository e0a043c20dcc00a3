import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as ask } from '@/app/api/ask/route';
import { POST as chat } from '@/app/api/chat/route';
import { MemoryRateLimitStore } from '@/lib/http/rate-limit-memory';
import { RedisRateLimitStore } from '@/lib/http/rate-limit-redis';
import { RATE_LIMIT_WINDOW_MS, resetRateLimitStore, rateLimitStore } from '@/lib/http/rate-limit';
import { freePort } from '../support/server';
import { startRedis, type RunningRedis } from '../support/redis';

// Emergency questions are answered by rule before retrieval: cheap, so these tests are about the limit.
const QUESTION = "My father collapsed and he's not breathing";
let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

const askFrom = (ip: string, extraHops = '') =>
  ask(new Request('http://t/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `${extraHops}${ip}` }, body: JSON.stringify({ question: QUESTION }) }));
const chatFrom = (ip: string) =>
  chat(
    new Request('http://t/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: QUESTION }] }] }),
    }),
  );

async function expect429(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = await res.json();
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(new RegExp(`at most 3 a minute. Try again in ${retryAfter} seconds?`));
}

beforeAll(() => {
  process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
  delete process.env.OPENAI_API_KEY;
});
afterEach(async () => {
  await resetRateLimitStore();
});
afterAll(() => {
  process.env.RATE_LIMIT_PER_MINUTE = '0';
  delete process.env.REDIS_URL;
});

function limitBehaviour() {
  it('answers up to the limit, then 429 with Retry-After; other addresses are unaffected', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await askFrom(ip)).status).toBe(200);
    await expect429(await askFrom(ip));
    await expect429(await askFrom(ip));
    expect((await askFrom(newIp())).status).toBe(200);
  });

  it('counts /api/chat and /api/ask against the same limit', async () => {
    const ip = newIp();
    expect((await askFrom(ip)).status).toBe(200);
    const first = await chatFrom(ip);
    expect(first.status).toBe(200);
    await first.text();
    expect((await askFrom(ip)).status).toBe(200);
    await expect429(await chatFrom(ip));
  });

  it('keys on the address the nearest proxy saw, so forged X-Forwarded-For entries do not evade it', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await askFrom(ip, `10.9.9.${i}, `)).status).toBe(200);
    await expect429(await askFrom(ip, '10.9.9.200, '));
  });
}

describe('rate limit with the in-memory store', () => {
  beforeEach(() => {
    process.env.RATE_LIMIT_PER_MINUTE = '3';
    delete process.env.REDIS_URL;
  });

  it('uses memory when REDIS_URL is unset', () => {
    expect(rateLimitStore().kind).toBe('memory');
  });
  limitBehaviour();

  it('is off with RATE_LIMIT_PER_MINUTE=0', async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '0';
    const ip = newIp();
    for (let i = 0; i < 40; i++) expect((await askFrom(ip)).status).toBe(200);
  });
});

describe('MemoryRateLimitStore', () => {
  it('starts a new window after the old one ends, and Retry-After counts down', async () => {
    let now = 1_000_000;
    const store = new MemoryRateLimitStore(() => now);
    expect(await store.hit('a', 60_000)).toEqual({ count: 1, resetMs: 60_000 });
    now += 45_000;
    expect(await store.hit('a', 60_000)).toEqual({ count: 2, resetMs: 15_000 });
    now += 15_000;
    expect(await store.hit('a', 60_000)).toEqual({ count: 1, resetMs: 60_000 });
  });

  it('forgets expired windows once many addresses were seen, so memory stays bounded', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    for (let i = 0; i < 10_000; i++) await store.hit(`old-${i}`, 1000);
    expect(store.size).toBe(10_000);
    now = 5000;
    await store.hit('new', 1000);
    expect(store.size).toBe(1);
  });
});

describe('rate limit with the Redis store (a real redis-server)', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    await resetRateLimitStore();
    await redis?.stop();
  });
  beforeEach(() => {
    process.env.RATE_LIMIT_PER_MINUTE = '3';
    process.env.REDIS_URL = redis.url;
  });

  it('uses Redis when REDIS_URL is set, storing one key per address that expires with the window', async () => {
    expect(rateLimitStore().kind).toBe('redis');
    const ip = newIp();
    expect((await askFrom(ip)).status).toBe(200);
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      expect(await client.get(`k2:ratelimit:${ip}`)).toBe('1');
      const ttl = await client.pTTL(`k2:ratelimit:${ip}`);
      expect(ttl).toBeGreaterThan(RATE_LIMIT_WINDOW_MS - 5000);
      expect(ttl).toBeLessThanOrEqual(RATE_LIMIT_WINDOW_MS);
    } finally {
      await client.close();
    }
  });

  limitBehaviour();

  it('shares one limit between instances: another process pointed at the same Redis sees the same count', async () => {
    const ip = newIp();
    for (let i = 0; i < 2; i++) expect((await askFrom(ip)).status).toBe(200);
    const otherInstance = new RedisRateLimitStore(redis.url);
    try {
      expect((await otherInstance.hit(ip, RATE_LIMIT_WINDOW_MS)).count).toBe(3);
    } finally {
      await otherInstance.close();
    }
    await expect429(await askFrom(ip));
  });

  it('keeps answering when Redis is unreachable (the limit fails open, it never takes answers down)', async () => {
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const ip = newIp();
    for (let i = 0; i < 5; i++) expect((await askFrom(ip)).status).toBe(200);
  });
});
