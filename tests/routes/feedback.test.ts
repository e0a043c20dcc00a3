import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as ask } from '@/app/api/ask/route';
import { POST as chat } from '@/app/api/chat/route';
import * as feedbackRoute from '@/app/api/feedback/route';
import { resetInsightsStore, useInsightsStore } from '@/lib/insights/app-store';
import { settleRecords } from '@/lib/insights/record';
import { openInsightsStore } from '@/lib/insights/store';
import type { InsightsStore } from '@/lib/insights/types';
import { useTempDirs } from '../support/temp-dirs';

/** Issue 15: every answer carries an answerId, the log keeps what the issue lists and nothing about the visitor. */
const tempDir = useTempDirs('k2-feedback-');
const IP = '203.0.113.77';
const AGENT = 'Mozilla/5.0 (FeedbackTest; rv:1.0) UniqueAgent/42';
const VISITOR = { 'x-forwarded-for': IP, 'x-real-ip': IP, 'user-agent': AGENT, cookie: 'tracker=abc123' };

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const vote = (body: unknown) => feedbackRoute.POST(post('http://t/api/feedback', body, VISITOR));

let store: InsightsStore;
let dbFile: string;
beforeAll(() => {
  process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
  delete process.env.OPENAI_API_KEY;
});
beforeEach(async () => {
  process.env.INSIGHTS = 'on';
  dbFile = path.join(tempDir(), 'insights.db');
  store = await openInsightsStore({ sqlitePath: dbFile });
  useInsightsStore(store);
});
afterEach(async () => {
  await settleRecords();
  await resetInsightsStore();
  process.env.INSIGHTS = 'off';
});
afterAll(() => {
  delete process.env.INSIGHTS;
});

async function askOnce(question: string) {
  const body = await (await ask(post('http://t/api/ask', { question }, VISITOR))).json();
  await settleRecords();
  return body;
}

/** The chat's stream, parsed into its chunks. */
async function chatOnce(question: string, id = 'conv-7f3a') {
  const res = await chat(post('http://t/api/chat', { id, messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: question }] }], trigger: 'submit-message' }, VISITOR));
  const chunks = (await res.text())
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
  await settleRecords();
  return chunks;
}

async function expectRefusal(res: Response, status: number, code: string, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = await res.json();
  expect(body).toEqual({ error: { code, message: expect.stringMatching(message) } });
}

describe('answerId on every answer', () => {
  it('/api/ask carries a random answerId and logs the answer under it', async () => {
    const body = await askOnce('What are good food sources of vitamin K2?');
    expect(body.answerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [row] = await store.page(null, 10);
    expect(row).toMatchObject({
      answerId: body.answerId,
      question: 'What are good food sources of vitamin K2?',
      answer: body.answer,
      status: 'answered',
      model: 'extractive',
      cited: body.citations.map((c: { passageId: string }) => c.passageId),
      conversationId: null,
    });
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("the chat's finish metadata carries the answerId; the log keeps the conversation's random id", async () => {
    const chunks = await chatOnce('What does vitamin K2 do?');
    const finish = chunks.find((c) => c.type === 'finish');
    expect(finish.messageMetadata.answerId).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await store.page(null, 10);
    expect(row).toMatchObject({ answerId: finish.messageMetadata.answerId, conversationId: 'conv-7f3a', status: 'answered' });
  });

  it('an emergency is counted, its question and reply are not kept', async () => {
    const body = await askOnce("My husband collapsed and he's not breathing");
    expect(body.status).toBe('emergency');
    const [row] = await store.page(null, 10);
    expect(row).toMatchObject({ answerId: body.answerId, status: 'emergency', question: null, answer: null, topics: null });
  });

  it('no IP address, user agent or cookie in any stored row', async () => {
    const { answerId } = await askOnce('What does vitamin K2 do?');
    await chatOnce('Who won the football world cup in 1998?');
    await askOnce('My father collapsed and is not breathing');
    expect((await vote({ answerId, rating: 'down', reason: 'other', comment: 'ok' })).status).toBe(200);
    await store.close();
    // Read the file itself: every column of every table, whatever the module returns.
    const db = new Database(dbFile, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const dump = JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t}`).all()));
    const columns = tables.flatMap((t) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name));
    db.close();
    expect(dump).toContain(answerId);
    expect(dump).not.toContain(IP);
    expect(dump).not.toContain('203.0.113');
    expect(dump).not.toContain('UniqueAgent');
    expect(dump).not.toContain('abc123');
    expect(columns.filter((c) => /ip|agent|cookie|address|user/i.test(c))).toEqual([]);
  });
});

describe('INSIGHTS=off', () => {
  it('stores nothing: answers still carry an answerId, votes are accepted and not kept', async () => {
    process.env.INSIGHTS = 'off';
    const body = await askOnce('What does vitamin K2 do?');
    expect(body.answerId).toMatch(/^[0-9a-f-]{36}$/);
    await chatOnce('What does vitamin K2 do?');
    await askOnce("My husband collapsed and he's not breathing");
    const res = await vote({ answerId: body.answerId, rating: 'up' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ answerId: body.answerId, rating: 'up', stored: false });
    expect(await store.count()).toBe(0);
  });
});

describe('POST /api/feedback', () => {
  it('records a vote, and a second vote replaces the first (one per answer)', async () => {
    const { answerId } = await askOnce('What does vitamin K2 do?');
    const up = await vote({ answerId, rating: 'up' });
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ answerId, rating: 'up', stored: true });
    const down = await vote({ answerId, rating: 'down', reason: 'not-what-i-asked', comment: '  I asked about dosage.  ' });
    expect(await down.json()).toEqual({ answerId, rating: 'down', reason: 'not-what-i-asked', comment: 'I asked about dosage.', stored: true });
    const rows = await store.page(null, 10);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 'down', reason: 'not-what-i-asked', comment: 'I asked about dosage.' });
  });

  it('an answerId that is not a UUID is refused with 422 JSON', async () => {
    await expectRefusal(await vote({ answerId: 'not-an-id', rating: 'up' }), 422, 'invalid_input', /^answerId: "answerId" must be the answerId/);
    await expectRefusal(await vote({ answerId: "1' OR '1'='1", rating: 'up' }), 422, 'invalid_input', /answerId/);
    await expectRefusal(await vote({ rating: 'up' }), 422, 'invalid_input', /answerId/);
  });

  it('an unknown answerId gets 404 JSON', async () => {
    await expectRefusal(await vote({ answerId: crypto.randomUUID(), rating: 'down' }), 404, 'not_found', /No answer with this answerId/);
  });

  it('a comment over 500 characters is refused with 422 JSON, 500 is accepted', async () => {
    const { answerId } = await askOnce('What does vitamin K2 do?');
    await expectRefusal(await vote({ answerId, rating: 'down', comment: 'x'.repeat(501) }), 422, 'invalid_input', /^comment: "comment" can be at most 500 characters\.$/);
    expect((await vote({ answerId, rating: 'down', comment: 'x'.repeat(500) })).status).toBe(200);
  });

  it('bad ratings, reasons and fields are refused with 4xx JSON', async () => {
    const answerId = crypto.randomUUID();
    await expectRefusal(await vote({ answerId, rating: 'meh' }), 422, 'invalid_input', /"rating" must be "up" or "down"/);
    await expectRefusal(await vote({ answerId, rating: 'down', reason: 'boring' }), 422, 'invalid_input', /"reason" must be one of "wrong", "not-what-i-asked", "unclear", "other"/);
    await expectRefusal(await vote({ answerId, rating: 'down', comment: 42 }), 422, 'invalid_input', /"comment" must be a string/);
    await expectRefusal(await vote({ answerId, rating: 'up', ip: '1.2.3.4' }), 422, 'invalid_input', /Unknown field "ip"/);
    await expectRefusal(await vote('[1,2'), 400, 'bad_request', /not valid JSON/);
    await expectRefusal(await vote(['up']), 422, 'invalid_input', /Send a JSON object/);
    const res = await feedbackRoute.GET(new Request('http://t/api/feedback'));
    await expectRefusal(res, 405, 'method_not_allowed', /Use POST/);
  });

  it('is rate limited per address on its own count (votes never use up questions)', async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '2';
    try {
      const from = (ip: string) => feedbackRoute.POST(post('http://t/api/feedback', { answerId: crypto.randomUUID(), rating: 'up' }, { 'x-forwarded-for': ip }));
      expect((await from('198.51.100.9')).status).toBe(404);
      expect((await from('198.51.100.9')).status).toBe(404);
      await expectRefusal(await from('198.51.100.9'), 429, 'rate_limited', /^Too many votes from this address: at most 2 a minute/);
      expect((await from('198.51.100.10')).status).toBe(404);
    } finally {
      process.env.RATE_LIMIT_PER_MINUTE = '0';
    }
  });

  it('a failing log never breaks an answer', async () => {
    const broken: InsightsStore = { ...store, record: async () => Promise.reject(new Error('disk full')) };
    useInsightsStore(broken);
    const res = await ask(post('http://t/api/ask', { question: 'What does vitamin K2 do?' }));
    expect(res.status).toBe(200);
    expect((await res.json()).answerId).toBeTruthy();
    await settleRecords();
  });
});
