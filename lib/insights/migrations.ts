import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from './sql-db';

/**
 * The folder of plain SQL migrations: beside this file when run from source (scripts, tests), else
 * `lib/insights/migrations` under the working directory (the built server runs from the project root).
 */
export function migrationsDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(fileURLToPath(new URL('./migrations/', import.meta.url)));
  } catch {
    // Bundled code may have no file URL; the working directory still has the folder.
  }
  candidates.push(path.resolve(process.cwd(), 'lib/insights/migrations'));
  const found = candidates.find((d) => existsSync(path.join(d, '001_init.sql')));
  if (!found) throw new Error(`insights: migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** `NNN_name.sql` files, in name order. */
export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, -4), sql: readFileSync(path.join(dir, f), 'utf8') }));
}
