import { getEnv, type Env } from '../env';
import { getIndex } from '../search/store';
import { openInsightsStore } from './store';
import { insightsSummary, type InsightsSummary } from './summary';
import type { InsightsStore } from './types';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type StoreEnv = Pick<Env, 'INSIGHTS' | 'INSIGHTS_RETENTION_DAYS' | 'DATABASE_URL'>;

let current: { key: string; store: Promise<InsightsStore>; timer?: NodeJS.Timeout } | null = null;

/** Deletes the rows older than the retention period; returns how many. */
export async function applyRetention(store: InsightsStore, days: number, now = Date.now()): Promise<number> {
  return store.deleteBefore(now - days * DAY_MS);
}

function retain(store: InsightsStore, days: number) {
  applyRetention(store, days).catch((error) => console.warn(`[insights] retention failed: ${error instanceof Error ? error.message : error}`));
}

/** Deletes old rows now and then every hour; the timer never keeps the process alive. */
export function scheduleRetention(store: InsightsStore, days: number, everyMs = RETENTION_INTERVAL_MS): NodeJS.Timeout {
  retain(store, days);
  const timer = setInterval(() => retain(store, days), everyMs);
  timer.unref();
  return timer;
}

/**
 * The process's question log, or null with `INSIGHTS=off`. Opened (and migrated) on first use;
 * from then on rows older than INSIGHTS_RETENTION_DAYS are deleted at once and every hour.
 */
export function getInsightsStore(env: StoreEnv = getEnv()): Promise<InsightsStore | null> {
  if (env.INSIGHTS === 'off') return Promise.resolve(null);
  const key = env.DATABASE_URL ?? '';
  if (current?.key === key) return current.store;
  void resetInsightsStore();
  const store = openInsightsStore({ databaseUrl: env.DATABASE_URL });
  const entry: NonNullable<typeof current> = { key, store };
  current = entry;
  store.then(
    (s) => {
      if (current === entry) entry.timer = scheduleRetention(s, env.INSIGHTS_RETENTION_DAYS);
    },
    (error) => {
      console.error(`[insights] cannot open the question log (${env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}): ${error instanceof Error ? error.message : error}`);
      if (current === entry) current = null;
    },
  );
  return store;
}

/** The owner's summary of the process's log (empty with `INSIGHTS=off`), over the retention period. */
export async function currentInsightsSummary(env: Env = getEnv()): Promise<InsightsSummary> {
  return insightsSummary(await getInsightsStore(env), {
    days: env.INSIGHTS_RETENTION_DAYS,
    index: await getIndex().catch(() => undefined),
  });
}

/** For tests: use this store (with any key) instead of opening one from the environment. */
export function useInsightsStore(store: InsightsStore): void {
  if (current) clearInterval(current.timer);
  current = { key: getEnv().DATABASE_URL ?? '', store: Promise.resolve(store) };
}

/** Forgets the process's store (stopping its retention timer and closing it). */
export async function resetInsightsStore(): Promise<void> {
  const old = current;
  current = null;
  if (!old) return;
  clearInterval(old.timer);
  await old.store.then((s) => s.close()).catch(() => {});
}
