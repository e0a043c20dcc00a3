import { sourceUrl } from '../answer/quotes';
import type { SearchIndex } from '../search/types';
import { dayOf } from './store';
import type { DayCount, DeclinedGroup, InsightsStore, NegativeAnswer } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days the chart covers at most, whatever the retention. */
export const MAX_CHART_DAYS = 90;

export interface SourceRef {
  passageId: string;
  title: string;
  section: string;
  url: string;
}

export interface InsightsSummary {
  /** One entry per day of the period, oldest first, days without questions included. */
  perDay: DayCount[];
  /** Declined questions grouped by topic words, most frequent first. */
  declined: DeclinedGroup[];
  /** Thumbs-down answers, most recent vote first, with their cited sources. */
  negative: (NegativeAnswer & { sources: SourceRef[] })[];
  days: number;
  /** False with INSIGHTS=off: nothing is being logged. */
  logging: boolean;
}

/** Every UTC day from `days - 1` days ago to today, filled from the counts. */
export function fillDays(counts: DayCount[], days: number, now = Date.now()): DayCount[] {
  const byDay = new Map(counts.map((c) => [c.day, c]));
  return Array.from({ length: days }, (_, i) => {
    const day = dayOf(now - (days - 1 - i) * DAY_MS);
    return byDay.get(day) ?? { day, answered: 0, notCovered: 0, emergency: 0 };
  });
}

/** A cited passage as the owner's view links it; passages no longer in the library keep their id only. */
function sourceOf(passageId: string, index?: Pick<SearchIndex, 'byId'>): SourceRef {
  const p = index?.byId.get(passageId);
  return p
    ? { passageId, title: p.title, section: p.section, url: sourceUrl(p) }
    : { passageId, title: passageId, section: '', url: sourceUrl({ docId: passageId.split('--')[0], id: passageId }) };
}

export interface SummaryOptions {
  days: number;
  index?: Pick<SearchIndex, 'byId'>;
  now?: number;
}

/** What /insights and `GET /api/insights/summary` show. With no store (INSIGHTS=off) everything is empty. */
export async function insightsSummary(store: InsightsStore | null, { days, index, now = Date.now() }: SummaryOptions): Promise<InsightsSummary> {
  const period = Math.min(Math.max(1, days), MAX_CHART_DAYS);
  if (!store) return { perDay: fillDays([], period, now), declined: [], negative: [], days: period, logging: false };
  const since = Date.parse(`${dayOf(now - (period - 1) * DAY_MS)}T00:00:00Z`);
  const [perDay, declined, negative] = await Promise.all([store.perDay(since), store.declined(since), store.negative()]);
  return {
    perDay: fillDays(perDay, period, now),
    declined,
    negative: negative.map((n) => ({ ...n, sources: n.cited.map((id) => sourceOf(id, index)) })),
    days: period,
    logging: true,
  };
}
