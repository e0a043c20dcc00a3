import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_TABLE, type Migration, type SqlDb, type SqlValue } from './sql-db';

/**
 * The embedded log: one SQLite file (WAL, so the owner's reads never wait for answers' writes).
 * better-sqlite3 is synchronous; each insert is a few microseconds, run after the answer is sent.
 */
export function openSqlite(file: string): SqlDb {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ process.cwd(), file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return {
    kind: 'sqlite',
    async run(sql: string, params: SqlValue[] = []) {
      return prepared(sql).run(...params).changes;
    },
    async all<T>(sql: string, params: SqlValue[] = []) {
      return prepared(sql).all(...params) as T[];
    },
    async migrate(migrations: Migration[]) {
      return db.transaction(() => {
        db.exec(MIGRATIONS_TABLE);
        const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: string }[]).map((r) => r.version));
        const applied: string[] = [];
        for (const m of migrations.filter((x) => !done.has(x.version))) {
          db.exec(m.sql);
          db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
          applied.push(m.version);
        }
        return applied;
      }).immediate();
    },
    async close() {
      statements.clear();
      if (db.open) db.close();
    },
  };
}
