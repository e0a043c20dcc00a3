import pg from 'pg';
import { MIGRATIONS_TABLE, numberedParams, type Migration, type SqlDb, type SqlValue } from './sql-db';

/** Any number of app instances may start at once: migrations take this lock first. */
const MIGRATION_LOCK = 715_015;

/** The shared log in PostgreSQL (`DATABASE_URL`): a small pool (BIGINT and COUNT arrive as strings; the store converts). */
export function openPostgres(url: string): SqlDb {
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.warn(`[insights] PostgreSQL connection lost: ${error.message}`));
  const sqlCache = new Map<string, string>();
  const text = (sql: string) => {
    let t = sqlCache.get(sql);
    if (t === undefined) sqlCache.set(sql, (t = numberedParams(sql)));
    return t;
  };
  return {
    kind: 'postgres',
    async run(sql: string, params: SqlValue[] = []) {
      return (await pool.query(text(sql), params)).rowCount ?? 0;
    },
    async all<T>(sql: string, params: SqlValue[] = []) {
      return (await pool.query(text(sql), params)).rows as T[];
    },
    async migrate(migrations: Migration[]) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(MIGRATIONS_TABLE);
        const done = new Set((await client.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
        const applied: string[] = [];
        for (const m of migrations.filter((x) => !done.has(x.version))) {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
          applied.push(m.version);
        }
        await client.query('COMMIT');
        return applied;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
