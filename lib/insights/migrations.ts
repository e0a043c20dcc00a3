import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Migration } from './sql-db';

/**
 * The folder of plain SQL migrations, `lib/insights/migrations` under the working directory: the app,
 * the scripts and the tests all run from the project root (as the index and corpus paths assume).
 */
export function migrationsDir(): string {
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/insights/migrations');
  if (!existsSync(path.join(dir, '001_init.sql'))) throw new Error(`insights: migrations not found in ${dir} (run from the project root)`);
  return dir;
}

/** `NNN_name.sql` files, in name order. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, -4), sql: readFileSync(path.join(dir, f), 'utf8') }));
}
