/**
 * The little SQL the log needs, over either engine: statements are written once with `?`
 * placeholders (PostgreSQL's `$1…` are filled in by its adapter), rows come back as plain objects.
 */
export type SqlValue = string | number | null;

export interface Migration {
  /** The file name without `.sql`, e.g. `001_init`; applied in this order. */
  version: string;
  sql: string;
}

export const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)';

export interface SqlDb {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /**
   * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction
   * (on PostgreSQL under a lock, so instances starting together apply each once).
   */
  migrate(migrations: Migration[]): Promise<string[]>;
  close(): Promise<void>;
}

/** `?` → `$1, $2…` for PostgreSQL (the log's statements have no `?` inside string literals). */
export function numberedParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
