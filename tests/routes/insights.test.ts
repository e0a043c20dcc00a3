import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/insights/export/route';
import * as sessionRoute from '@/app/api/insights/session/route';
import * as summaryRoute from '@/app/api/insights/summary/route';
import InsightsPage from '@/app/insights/page';
import { InsightsView } from '@/app/insights/insights-view';
import { resetInsightsStore, useInsightsStore } from '@/lib/insights/app-store';
import { csvCell } from '@/lib/insights/csv';
import { topicWords } from '@/lib/insights/record';
import { SESSION_COOKIE, signSession, verifySession } from '@/lib/insights/session';
import { openInsightsStore } from '@/lib/insights/store';
import { insightsSummary } from '@/lib/insights/summary';
import type { AnswerLogEntry, InsightsStore } from '@/lib/insights/types';
import { useTempDirs } from '../support/temp-dirs';

/** Issue 15: the site owner's view — off without ADMIN_TOKEN, behind a session, CSRF-safe, all text inert. */
const tempDir = useTempDirs('k2-insights-owner-');
const TOKEN = 'owner-token-0123456789abcdef';
const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

let ipCounter = 0;
/** A new client address per sign-in, so the sign-in limit is only met where a test means to. */
const nextIp = () => `192.0.2.${++ipCounter}`;

const signIn = (body: unknown, headers: Record<string, string> = {}, url = 'http://t/api/insights/session') =>
  sessionRoute.POST(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp(), ...headers }, body: JSON.stringify(body) }));
const getWith = (handler: (r: Request) => Promise<Response>, url: string, cookie?: string) => handler(new Request(url, { headers: cookie ? { cookie } : {} }));

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

/** The cookie a successful sign-in sets, as a browser would send it back. */
async function sessionCookieHeader(): Promise<string> {
  const res = await signIn({ token: TOKEN });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0];
}

let store: InsightsStore;
beforeAll(() => {
  process.env.INSIGHTS = 'on';
});
beforeEach(async () => {
  process.env.ADMIN_TOKEN = TOKEN;
  store = await openInsightsStore({ sqlitePath: path.join(tempDir(), 'insights.db') });
  useInsightsStore(store);
});
afterEach(async () => {
  await resetInsightsStore();
  delete process.env.ADMIN_TOKEN;
});
afterAll(() => {
  process.env.INSIGHTS = 'off';
});

describe('without ADMIN_TOKEN, /insights does not exist', () => {
  it('the page, the sign-in, the summary and the export answer 404', async () => {
    delete process.env.ADMIN_TOKEN;
    await expect(InsightsPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringMatching(/NEXT_HTTP_ERROR_FALLBACK;404/) });
    await expectError(await signIn({ token: 'anything-at-all-long-enough' }), 404, 'not_found');
    const forged = `${SESSION_COOKIE}=${signSession('whatever')}`;
    await expectError(await getWith(summaryRoute.GET, 'http://t/api/insights/summary', forged), 404, 'not_found');
    await expectError(await getWith(exportRoute.GET, 'http://t/api/insights/export', forged), 404, 'not_found');
  });
});

describe('signing in', () => {
  it('refuses a wrong token with 401 JSON and sets no cookie', async () => {
    const res = await signIn({ token: `${TOKEN}x` });
    await expectError(res, 401, 'unauthorized');
    expect(res.headers.get('set-cookie')).toBeNull();
    await expectError(await signIn({ token: '' }), 401, 'unauthorized');
    await expectError(await signIn({ password: TOKEN }), 422, 'invalid_input');
  });

  it('the right token sets an httpOnly, SameSite=Strict session cookie that is not the token', async () => {
    const res = await signIn({ token: TOKEN });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Strict$`));
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('the cookie is Secure over HTTPS, also behind a proxy that says so', async () => {
    expect((await signIn({ token: TOKEN }, {}, 'https://t/api/insights/session')).headers.get('set-cookie')).toMatch(/; Secure$/);
    expect((await signIn({ token: TOKEN }, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a cross-site POST (Origin of another site, or Sec-Fetch-Site cross-site) with 403', async () => {
    await expectError(await signIn({ token: TOKEN }, { origin: 'https://evil.example', host: 't' }), 403, 'forbidden');
    await expectError(await signIn({ token: TOKEN }, { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden');
    await expectError(await signIn({ token: TOKEN }, { origin: 'null' }), 403, 'forbidden');
    const signOut = await sessionRoute.DELETE(new Request('http://t/api/insights/session', { method: 'DELETE', headers: { origin: 'https://evil.example' } }));
    await expectError(signOut, 403, 'forbidden');
    // The same site's own form is let through.
    expect((await signIn({ token: TOKEN }, { origin: 'http://t', host: 't', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('is rate limited per address: the 11th attempt in a minute gets 429', async () => {
    const ip = '198.51.100.200';
    for (let i = 0; i < 10; i++) expect((await signIn({ token: 'wrong-token-guess-0000' }, { 'x-forwarded-for': ip })).status).toBe(401);
    const res = await signIn({ token: TOKEN }, { 'x-forwarded-for': ip });
    expect(res.status).toBe(429);
    expect((await res.json()).error.message).toMatch(/^Too many sign-in attempts from this address: at most 10 a minute/);
  });

  it("the page's form signs in with a 303 back to /insights; a wrong token comes back with a notice, no cookie", async () => {
    const form = (token: string) =>
      sessionRoute.POST(new Request('http://t/api/insights/session', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp(), origin: 'http://t', host: 't' }, body: new URLSearchParams({ intent: 'sign-in', token }).toString() }));
    const ok = await form(TOKEN);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/insights');
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const wrong = await form('nope');
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/insights?signin=failed');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('sessions expire, and a session signed with another token is refused', () => {
    const value = signSession(TOKEN, Date.now());
    expect(verifySession(value, TOKEN)).toBe(true);
    expect(verifySession(value, TOKEN, Date.now() + 13 * 60 * 60 * 1000)).toBe(false);
    expect(verifySession(value, 'another-token-0123456789')).toBe(false);
    expect(verifySession(value.replace(/^\d+/, String(Date.now() + 10 ** 9)), TOKEN)).toBe(false);
  });
});

describe('GET /api/insights/summary', () => {
  it('401 without a session or with a forged one', async () => {
    await expectError(await getWith(summaryRoute.GET, 'http://t/api/insights/summary'), 401, 'unauthorized');
    await expectError(await getWith(summaryRoute.GET, 'http://t/api/insights/summary', `${SESSION_COOKIE}=${Date.now() + 99999}.abc.def`), 401, 'unauthorized');
    await expectError(await getWith(summaryRoute.GET, 'http://t/api/insights/summary', `${SESSION_COOKIE}=${signSession('another-token-0123456789')}`), 401, 'unauthorized');
    await expectError(await getWith(exportRoute.GET, 'http://t/api/insights/export'), 401, 'unauthorized');
  });

  it('for the signed-in owner: questions per day, declined questions by topic, thumbs-down answers with hostile text verbatim', async () => {
    const now = Date.now();
    const base = { conversationId: null, partial: false, model: 'extractive', latencyMs: 5 };
    const rows: AnswerLogEntry[] = [
      { ...base, answerId: crypto.randomUUID(), createdAt: now - 3000, question: 'Does collagen help scars?', topics: topicWords('Does collagen help scars?'), answer: 'Not covered.', status: 'not-covered', cited: [] },
      { ...base, answerId: crypto.randomUUID(), createdAt: now - 2000, question: HOSTILE + ' collagen scars', topics: topicWords('collagen scars'), answer: 'Not covered.', status: 'not-covered', cited: [] },
      { ...base, answerId: crypto.randomUUID(), createdAt: now - 1000, question: HOSTILE, topics: topicWords(HOSTILE), answer: `=HYPERLINK("http://evil") ${HOSTILE}`, status: 'answered', cited: ['k2-basics--1'] },
      { ...base, answerId: crypto.randomUUID(), createdAt: now, question: null, topics: null, answer: null, status: 'emergency', cited: [] },
    ];
    for (const r of rows) await store.record(r);
    await store.setFeedback(rows[2].answerId, { rating: 'down', reason: 'wrong', comment: HOSTILE });
    const res = await getWith(summaryRoute.GET, 'http://t/api/insights/summary', await sessionCookieHeader());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.perDay).toHaveLength(30);
    expect(body.perDay.at(-1)).toEqual({ day: new Date(now).toISOString().slice(0, 10), answered: 1, notCovered: 2, emergency: 1 });
    expect(body.declined[0]).toEqual({ question: HOSTILE + ' collagen scars', topics: topicWords('collagen scars'), count: 2 });
    expect(body.negative).toEqual([
      expect.objectContaining({ answerId: rows[2].answerId, question: HOSTILE, answer: rows[2].answer, reason: 'wrong', comment: HOSTILE, sources: [expect.objectContaining({ passageId: 'k2-basics--1' })] }),
    ]);
  });

  it('with INSIGHTS=off, an empty summary that says logging is off', async () => {
    process.env.INSIGHTS = 'off';
    try {
      const body = await (await getWith(summaryRoute.GET, 'http://t/api/insights/summary', await sessionCookieHeader())).json();
      expect(body).toMatchObject({ declined: [], negative: [], logging: false });
    } finally {
      process.env.INSIGHTS = 'on';
    }
  });
});

describe('GET /api/insights/export', () => {
  it('the log as CSV for the owner, formula cells made inert', async () => {
    const id = crypto.randomUUID();
    await store.record({ answerId: id, createdAt: Date.now(), conversationId: 'c', question: '=cmd|"/c calc"!A1', topics: 'cmd', answer: '+1, "quoted"\nnext line', status: 'answered', partial: true, cited: ['a--1', 'b--2'], model: 'extractive', latencyMs: 7 });
    await store.setFeedback(id, { rating: 'down', reason: 'unclear', comment: '@SUM(1)' });
    const res = await getWith(exportRoute.GET, 'http://t/api/insights/export', await sessionCookieHeader());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="insights-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const [header, row] = text.split('\r\n');
    expect(header).toBe('answer_id,time,conversation_id,status,partial,question,answer,cited,model,latency_ms,rating,reason,comment,rated_at');
    expect(row).toContain(`${id},`);
    expect(row).toContain(`,"'=cmd|""/c calc""!A1",`);
    expect(text).toContain(`"'+1, ""quoted""\nnext line"`);
    expect(row).toContain(",down,unclear,'@SUM(1),");
  });

  it('csvCell escapes every formula prefix', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\t=1']) expect(csvCell(s).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });
});

describe('the /insights page renders logged text inert', () => {
  it('markup in questions, answers and comments is shown as text, never as elements', async () => {
    await store.record({ answerId: 'a1', createdAt: Date.now(), conversationId: null, question: HOSTILE, topics: 'x', answer: HOSTILE, status: 'not-covered', partial: false, cited: ['javascript:alert(1)'], model: 'm', latencyMs: 1 });
    await store.setFeedback('a1', { rating: 'down', comment: HOSTILE });
    const html = renderToStaticMarkup(InsightsView({ summary: await insightsSummary(store, { days: 30 }), retentionDays: 30 }));
    expect(html).not.toMatch(/<img|<script|onerror="/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('href="/api/insights/export"');
  });
});
