import { loadMigrations } from './migrations';
import { openPostgres } from './postgres-db';
import type { SqlDb } from './sql-db';
import { openSqlite } from './sqlite-db';
import type { AnswerLogEntry, DayCount, DeclinedGroup, Feedback, InsightsStore, LoggedAnswer, NegativeAnswer, Rating, Reason } from './types';

export const DEFAULT_SQLITE_PATH = '.data/insights.db';

interface Row {
  answer_id: string;
  created_at: number | string;
  conversation_id: string | null;
  question: string | null;
  topics: string | null;
  answer: string | null;
  status: AnswerLogEntry['status'];
  partial: number | string;
  cited: string;
  model: string;
  latency_ms: number | string;
  rating: Rating | null;
  reason: Reason | null;
  comment: string | null;
  rated_at: number | string | null;
}

const COLUMNS = 'answer_id, created_at, conversation_id, question, topics, answer, status, partial, cited, model, latency_ms, rating, reason, comment, rated_at';

/** The UTC calendar day of a time, e.g. 2026-12-01: stored with each row so both engines group alike. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const cited = (json: string): string[] => {
  try {
    const ids = JSON.parse(json);
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

function fromRow(r: Row): LoggedAnswer {
  return {
    answerId: r.answer_id,
    createdAt: Number(r.created_at),
    conversationId: r.conversation_id,
    question: r.question,
    topics: r.topics,
    answer: r.answer,
    status: r.status,
    partial: Number(r.partial) === 1,
    cited: cited(r.cited),
    model: r.model,
    latencyMs: Number(r.latency_ms),
    rating: r.rating,
    reason: r.reason,
    comment: r.comment,
    ratedAt: r.rated_at === null ? null : Number(r.rated_at),
  };
}

/** The log's queries, written once over either engine. */
export function createStore(db: SqlDb): InsightsStore {
  return {
    kind: db.kind,
    async record(e) {
      await db.run(
        'INSERT INTO answers (answer_id, created_at, day, conversation_id, question, topics, answer, status, partial, cited, model, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [e.answerId, e.createdAt, dayOf(e.createdAt), e.conversationId, e.question, e.topics, e.answer, e.status, e.partial ? 1 : 0, JSON.stringify(e.cited), e.model, Math.round(e.latencyMs)],
      );
    },
    async setFeedback(answerId: string, f: Feedback, at = Date.now()) {
      const changed = await db.run('UPDATE answers SET rating = ?, reason = ?, comment = ?, rated_at = ? WHERE answer_id = ?', [
        f.rating,
        f.reason ?? null,
        f.comment ?? null,
        at,
        answerId,
      ]);
      return changed > 0;
    },
    async deleteBefore(cutoff) {
      return db.run('DELETE FROM answers WHERE created_at < ?', [cutoff]);
    },
    async perDay(since) {
      const rows = await db.all<{ day: string; status: string; n: number | string }>(
        'SELECT day, status, COUNT(*) AS n FROM answers WHERE created_at >= ? GROUP BY day, status ORDER BY day',
        [since],
      );
      const days = new Map<string, DayCount>();
      for (const r of rows) {
        const d = days.get(r.day) ?? { day: r.day, answered: 0, notCovered: 0, emergency: 0 };
        if (r.status === 'answered') d.answered += Number(r.n);
        else if (r.status === 'not-covered') d.notCovered += Number(r.n);
        else if (r.status === 'emergency') d.emergency += Number(r.n);
        days.set(r.day, d);
      }
      return [...days.values()];
    },
    async declined(since, limit = 20) {
      const groups = await db.all<{ topics: string; n: number | string; last: number | string }>(
        "SELECT topics, COUNT(*) AS n, MAX(created_at) AS last FROM answers WHERE status = 'not-covered' AND topics IS NOT NULL AND topics <> '' AND created_at >= ? GROUP BY topics ORDER BY n DESC, last DESC LIMIT ?",
        [since, limit],
      );
      const out: DeclinedGroup[] = [];
      for (const g of groups) {
        const [latest] = await db.all<{ question: string }>(
          "SELECT question FROM answers WHERE status = 'not-covered' AND topics = ? ORDER BY created_at DESC LIMIT 1",
          [g.topics],
        );
        out.push({ question: latest?.question ?? '', topics: g.topics, count: Number(g.n) });
      }
      return out;
    },
    async negative(limit = 50) {
      const rows = await db.all<Row>(`SELECT ${COLUMNS} FROM answers WHERE rating = 'down' ORDER BY rated_at DESC LIMIT ?`, [limit]);
      return rows.map(fromRow).map(
        (a): NegativeAnswer => ({
          answerId: a.answerId,
          createdAt: a.createdAt,
          question: a.question,
          answer: a.answer,
          cited: a.cited,
          ...(a.reason ? { reason: a.reason } : {}),
          ...(a.comment ? { comment: a.comment } : {}),
        }),
      );
    },
    async page(after, limit) {
      const rows = after
        ? await db.all<Row>(`SELECT ${COLUMNS} FROM answers WHERE created_at > ? OR (created_at = ? AND answer_id > ?) ORDER BY created_at, answer_id LIMIT ?`, [
            after.createdAt,
            after.createdAt,
            after.answerId,
            limit,
          ])
        : await db.all<Row>(`SELECT ${COLUMNS} FROM answers ORDER BY created_at, answer_id LIMIT ?`, [limit]);
      return rows.map(fromRow);
    },
    async count() {
      const [r] = await db.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM answers');
      return Number(r?.n ?? 0);
    },
    close: () => db.close(),
  };
}

export interface OpenOptions {
  /** postgres://… — PostgreSQL; otherwise the SQLite file. */
  databaseUrl?: string;
  sqlitePath?: string;
}

/** Opens the log's database and applies its migrations (`lib/insights/migrations/*.sql`). */
export async function openInsightsStore({ databaseUrl, sqlitePath = DEFAULT_SQLITE_PATH }: OpenOptions = {}): Promise<InsightsStore> {
  const db = databaseUrl ? openPostgres(databaseUrl) : openSqlite(sqlitePath);
  try {
    await db.migrate(loadMigrations());
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return createStore(db);
}
