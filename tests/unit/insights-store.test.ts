import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyRetention, scheduleRetention } from '@/lib/insights/app-store';
import { logEntryOf, topicWords } from '@/lib/insights/record';
import { openInsightsStore, type OpenOptions } from '@/lib/insights/store';
import type { AnswerLogEntry, InsightsStore } from '@/lib/insights/types';
import type { AnswerResult } from '@/lib/answer/types';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { useTempDirs } from '../support/temp-dirs';

/**
 * Issue 15: one data-access module, the same tests on both engines. SQLite in a temp file; PostgreSQL
 * a real server this file starts from Debian's binaries (a missing PostgreSQL fails, never skips).
 */
const tempDir = useTempDirs('k2-insights-');
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-01T12:00:00Z');

let postgres: RunningPostgres;
let dbCounter = 0;
beforeAll(async () => {
  postgres = await startPostgres();
}, 90_000);
afterAll(async () => {
  await postgres?.stop();
});

/** Where a fresh store lives: a new SQLite file, or a new PostgreSQL database. */
const engines: { name: string; fresh: () => Promise<OpenOptions> }[] = [
  { name: 'SQLite', fresh: async () => ({ sqlitePath: path.join(tempDir(), 'insights.db') }) },
  {
    name: 'PostgreSQL',
    fresh: async () => {
      const name = `t${++dbCounter}`;
      const admin = new pg.Client(postgres.url);
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      return { databaseUrl: postgres.urlFor(name) };
    },
  },
];

let n = 0;
const entry = (over: Partial<AnswerLogEntry> = {}): AnswerLogEntry => ({
  answerId: crypto.randomUUID(),
  createdAt: NOW - ++n,
  conversationId: null,
  question: 'What does vitamin K2 do?',
  topics: 'k2 vitamin',
  answer: 'It activates proteins [1].',
  status: 'answered',
  partial: false,
  cited: ['k2-basics--1'],
  model: 'extractive',
  latencyMs: 12,
  ...over,
});

describe.each(engines)('insights store on $name', ({ fresh }) => {
  let store: InsightsStore;
  const open = async () => openInsightsStore(await fresh());
  afterEach(async () => {
    await store?.close();
  });

  it('keeps every field of a logged answer and pages through the log oldest first', async () => {
    store = await open();
    const a = entry({ conversationId: 'chat-1', partial: true, cited: ['a--1', 'b--2'], createdAt: NOW - 2000 });
    const b = entry({ status: 'not-covered', answer: 'Not covered.', cited: [], createdAt: NOW - 1000 });
    await store.record(b);
    await store.record(a);
    expect(await store.count()).toBe(2);
    const rows = await store.page(null, 10);
    expect(rows.map((r) => r.answerId)).toEqual([a.answerId, b.answerId]);
    expect(rows[0]).toEqual({ ...a, rating: null, reason: null, comment: null, ratedAt: null });
    expect(await store.page(rows[0], 10)).toEqual([rows[1]]);
    expect(await store.page(rows[1], 10)).toEqual([]);
  });

  it('one vote per answer, changeable; an unknown answer gets none', async () => {
    store = await open();
    const a = entry();
    await store.record(a);
    expect(await store.setFeedback(a.answerId, { rating: 'up' }, NOW)).toBe(true);
    expect(await store.setFeedback(a.answerId, { rating: 'down', reason: 'unclear', comment: 'Too vague' }, NOW + 1)).toBe(true);
    const [row] = await store.page(null, 10);
    expect(row).toMatchObject({ rating: 'down', reason: 'unclear', comment: 'Too vague', ratedAt: NOW + 1 });
    expect(await store.count()).toBe(1);
    expect(await store.setFeedback(crypto.randomUUID(), { rating: 'up' })).toBe(false);
    expect(await store.negative()).toEqual([{ answerId: a.answerId, createdAt: a.createdAt, question: a.question, answer: a.answer, cited: a.cited, reason: 'unclear', comment: 'Too vague' }]);
    await store.setFeedback(a.answerId, { rating: 'up' }, NOW + 2);
    expect(await store.negative()).toEqual([]);
  });

  it('counts questions per day by status', async () => {
    store = await open();
    await store.record(entry({ createdAt: NOW - DAY }));
    await store.record(entry({ createdAt: NOW - DAY, status: 'emergency', question: null, answer: null, topics: null }));
    await store.record(entry({ createdAt: NOW }));
    await store.record(entry({ createdAt: NOW, status: 'not-covered' }));
    await store.record(entry({ createdAt: NOW - 10 * DAY }));
    expect(await store.perDay(NOW - 2 * DAY)).toEqual([
      { day: '2026-11-30', answered: 1, notCovered: 0, emergency: 1 },
      { day: '2026-12-01', answered: 1, notCovered: 1, emergency: 0 },
    ]);
  });

  it('groups declined questions by topic words, most frequent first, with the latest question', async () => {
    store = await open();
    const declined = (question: string, createdAt: number) => entry({ status: 'not-covered', question, topics: topicWords(question), createdAt });
    await store.record(declined('Does collagen help scars?', NOW - 300));
    await store.record(declined('collagen for scars', NOW - 200));
    await store.record(declined('Can collagen help with scars?', NOW - 100));
    await store.record(declined('Who won the world cup?', NOW - 50));
    await store.record(entry({ question: 'collagen scars', topics: topicWords('collagen scars') }));
    const groups = await store.declined(0);
    expect(groups).toEqual([
      { question: 'Can collagen help with scars?', topics: topicWords('collagen scars'), count: 3 },
      { question: 'Who won the world cup?', topics: topicWords('Who won the world cup?'), count: 1 },
    ]);
    expect(await store.declined(NOW - 150)).toEqual([
      { question: 'Who won the world cup?', topics: topicWords('Who won the world cup?'), count: 1 },
      { question: 'Can collagen help with scars?', topics: topicWords('collagen scars'), count: 1 },
    ]);
  });

  it('retention deletes the rows older than the period and keeps the rest', async () => {
    store = await open();
    const old = entry({ createdAt: NOW - 31 * DAY });
    const recent = entry({ createdAt: NOW - 29 * DAY });
    await store.record(old);
    await store.record(recent);
    expect(await applyRetention(store, 30, NOW)).toBe(1);
    expect((await store.page(null, 10)).map((r) => r.answerId)).toEqual([recent.answerId]);
    expect(await applyRetention(store, 30, NOW)).toBe(0);
  });

  it('reopening applies no migration twice and keeps the rows', async () => {
    const where = await fresh();
    store = await openInsightsStore(where);
    await store.record(entry());
    await store.close();
    // Two instances starting together against the same database: each migration is applied once.
    const [again, other] = await Promise.all([openInsightsStore(where), openInsightsStore(where)]);
    store = again;
    expect(await again.count()).toBe(1);
    expect(await other.count()).toBe(1);
    await other.close();
  });
});

describe('what is logged of an answer', () => {
  const result = (over: Partial<AnswerResult>): AnswerResult => ({
    status: 'answered',
    answer: 'Natto is the richest source [1].',
    citations: [{ n: 1, passageId: 'k2-foods--2', docId: 'k2-foods', title: 'Foods', section: 'Sources', quote: 'q', quoteSpans: [], passage: 'p', url: '/sources/k2-foods' }],
    disclaimer: 'd',
    model: 'extractive',
    timings: { retrievalMs: 1, generationMs: 2, totalMs: 3.4 },
    ...over,
  });

  it('an emergency is counted only: no question, no answer, no topic words', () => {
    const e = logEntryOf({ answerId: 'x', input: { question: "He collapsed and isn't breathing" }, result: result({ status: 'emergency', citations: [], answer: 'Call 911' }), at: NOW });
    expect(e).toMatchObject({ status: 'emergency', question: null, answer: null, topics: null, cited: [] });
  });

  it('a partial answer is marked; the cited passages, model, latency and conversation id are kept', () => {
    const e = logEntryOf({
      answerId: 'y',
      input: { question: 'Natto and ashwagandha?' },
      result: result({ coverage: { verdict: 'partial', score: 0.6, missing: ['ashwagandha'] } }),
      conversationId: 'c1',
      at: NOW,
    });
    expect(e).toEqual({
      answerId: 'y',
      createdAt: NOW,
      conversationId: 'c1',
      question: 'Natto and ashwagandha?',
      topics: topicWords('Natto and ashwagandha?'),
      answer: 'Natto is the richest source [1].',
      status: 'answered',
      partial: true,
      cited: ['k2-foods--2'],
      model: 'extractive',
      latencyMs: 3.4,
    });
  });

  it('topic words ignore how a question is asked: word forms, filler and order', () => {
    expect(topicWords('Does collagen help scars?')).toBe(topicWords('scar collagen'));
    expect(topicWords('What is the best way to take collagen for scars?')).toBe(topicWords('collagen scars'));
  });
});

describe('retention schedule', () => {
  it('deletes at start and then every interval, without keeping the process alive', async () => {
    vi.useFakeTimers();
    try {
      const deleteBefore = vi.fn(async () => 0);
      const timer = scheduleRetention({ deleteBefore } as unknown as InsightsStore, 30, 1000);
      expect(deleteBefore).toHaveBeenCalledTimes(1);
      expect(timer.hasRef()).toBe(false);
      await vi.advanceTimersByTimeAsync(2500);
      expect(deleteBefore).toHaveBeenCalledTimes(3);
      clearInterval(timer);
    } finally {
      vi.useRealTimers();
    }
  });
});
