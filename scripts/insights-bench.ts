/**
 * npm run insights-bench [-- --rows 100000 --reps 5]
 *
 * Writes `rows` answers to a fresh question log (SQLite in a temp folder; also PostgreSQL when
 * DATABASE_URL is set — use a scratch database, the bench adds its rows there) one at a time as the
 * app does, then times the insights page's queries: insert p50/p95/p99 per answer (entry built with
 * its topic words, then written), each page query (median of `reps`), the CSV export of the whole
 * log, and the database size per 100k rows. Prints a table and one JSON line per engine.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AnswerStatus } from '../lib/answer/types';
import { getEnv } from '../lib/env';
import { percentile } from '../lib/eval/score';
import { csvRow } from '../lib/insights/csv';
import { logEntryOf } from '../lib/insights/record';
import { openInsightsStore } from '../lib/insights/store';
import { insightsSummary } from '../lib/insights/summary';
import type { InsightsStore, LoggedAnswer } from '../lib/insights/types';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, reps: { type: 'string', default: '5' } } });
const ROWS = Number(values.rows);
const REPS = Number(values.reps);
const DAY = 24 * 60 * 60 * 1000;

/** A seeded generator, so every run writes the same log. */
function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const TOPICS = ['vitamin K2', 'natto', 'warfarin', 'calcium', 'osteoporosis', 'magnesium', 'vitamin D', 'arteries', 'MK-7', 'cheese', 'collagen', 'scars', 'ashwagandha', 'sleep', 'iron', 'zinc', 'menopause', 'statins', 'kidney stones', 'teeth'];
const FORMS = ['What does {a} do for {b}?', 'Is {a} safe with {b}?', 'How much {a} should I take?', 'Does {a} help {b}?', 'Which foods have {a}?', 'Can {a} and {b} be taken together?'];

function answers(n: number, now: number) {
  const rand = rng(15);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const r = rand();
    const status: AnswerStatus = r < 0.7 ? 'answered' : r < 0.95 ? 'not-covered' : 'emergency';
    const question = pick(FORMS).replace('{a}', pick(TOPICS)).replace('{b}', pick(TOPICS));
    const answer = status === 'answered' ? `${question.replace('?', '')}: `.repeat(3) + 'see the cited passages [1] [2].' : 'The library does not cover this.';
    return {
      at: now - Math.floor((i / n) * 29 * DAY),
      input: { question },
      result: {
        status,
        answer,
        citations: status === 'answered' ? [1, 2].map((k) => ({ n: k, passageId: `doc-${i % 40}--${k}`, docId: `doc-${i % 40}`, title: 't', section: 's', quote: 'q', quoteSpans: [], passage: 'p', url: '' })) : [],
        disclaimer: '',
        model: 'extractive',
        timings: { retrievalMs: 3, generationMs: 9, totalMs: 12 + rand() * 30 },
        coverage: { verdict: rand() < 0.1 ? ('partial' as const) : ('answer' as const), score: 1, missing: [] },
      },
      conversationId: rand() < 0.6 ? `conv-${Math.floor(i / 3)}` : undefined,
      vote: rand() < 0.05 ? (rand() < 0.5 ? 'down' : 'up') : null,
    };
  });
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

async function exportAll(store: InsightsStore): Promise<number> {
  let after: LoggedAnswer | null = null;
  let bytes = 0;
  for (;;) {
    const rows: LoggedAnswer[] = await store.page(after, 2000);
    for (const r of rows) bytes += csvRow(r).length + 2;
    if (rows.length < 2000) return bytes;
    after = rows[rows.length - 1];
  }
}

async function bench(label: string, store: InsightsStore, sizeBytes: () => Promise<number>) {
  const now = Date.now();
  const log = answers(ROWS, now);
  const insertMs: number[] = [];
  for (const a of log) {
    const answerId = crypto.randomUUID();
    const t = performance.now();
    await store.record(logEntryOf({ answerId, input: a.input, result: a.result, conversationId: a.conversationId, at: a.at }));
    insertMs.push(performance.now() - t);
    if (a.vote) await store.setFeedback(answerId, { rating: a.vote as 'up' | 'down', ...(a.vote === 'down' ? { reason: 'unclear' as const, comment: 'Did not answer my question.' } : {}) });
  }
  const since = now - 30 * DAY;
  const queries = {
    perDayMs: await timed(() => store.perDay(since)),
    declinedMs: await timed(() => store.declined(since)),
    negativeMs: await timed(() => store.negative()),
    summaryMs: await timed(() => insightsSummary(store, { days: 30, now })),
  };
  const t = performance.now();
  const csvBytes = await exportAll(store);
  const exportMs = performance.now() - t;
  const rows = await store.count();
  const bytes = await sizeBytes();
  const figures = {
    engine: label,
    rows,
    insertP50Ms: percentile(insertMs, 50),
    insertP95Ms: percentile(insertMs, 95),
    insertP99Ms: percentile(insertMs, 99),
    ...queries,
    exportMs,
    csvMB: csvBytes / 2 ** 20,
    dbMBPer100k: (bytes / 2 ** 20) * (100_000 / rows),
  };
  const r = (x: number) => (x < 10 ? x.toFixed(3) : x.toFixed(0));
  console.log(`\n${label}: ${rows} rows`);
  console.log(`  insert per answer    p50 ${r(figures.insertP50Ms)} ms   p95 ${r(figures.insertP95Ms)} ms   p99 ${r(figures.insertP99Ms)} ms`);
  console.log(`  questions per day    ${r(queries.perDayMs)} ms`);
  console.log(`  declined by topic    ${r(queries.declinedMs)} ms`);
  console.log(`  thumbs-down answers  ${r(queries.negativeMs)} ms`);
  console.log(`  whole page summary   ${r(queries.summaryMs)} ms   (target < 200 ms)`);
  console.log(`  CSV export           ${r(exportMs)} ms   (${figures.csvMB.toFixed(1)} MB)`);
  console.log(`  database size        ${figures.dbMBPer100k.toFixed(1)} MB per 100k rows`);
  console.log(JSON.stringify(figures));
}

const dir = await mkdtemp(path.join(tmpdir(), 'k2-insights-bench-'));
try {
  const file = path.join(dir, 'insights.db');
  const sqlite = await openInsightsStore({ sqlitePath: file });
  const fileSize = () => ['', '-wal', '-shm'].reduce((s, ext) => s + (statSync(file + ext, { throwIfNoEntry: false })?.size ?? 0), 0);
  await bench('SQLite', sqlite, async () => {
    await sqlite.close(); // checkpoints the WAL into the file
    return fileSize();
  });
  const url = getEnv().DATABASE_URL;
  if (url) {
    const pg = await openInsightsStore({ databaseUrl: url });
    const { default: pgLib } = await import('pg');
    const size = async () => {
      const client = new pgLib.Client(url);
      await client.connect();
      const { rows } = await client.query("SELECT pg_total_relation_size('answers') AS n");
      await client.end();
      return Number(rows[0].n);
    };
    await bench('PostgreSQL', pg, size);
    await pg.close();
  } else console.log('\n(PostgreSQL: set DATABASE_URL to a scratch database to measure it too)');
} finally {
  await rm(dir, { recursive: true, force: true });
}
