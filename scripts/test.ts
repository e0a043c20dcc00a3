/**
 * npm test [-- vitest args]: makes sure redis-server, PostgreSQL and Chromium are there (installing them from
 * Debian when it can, see ./test-deps.ts), then `vitest run` with their paths in REDIS_SERVER_PATH,
 * PG_CTL_PATH and CHROMIUM_PATH. `npm test -- --project unit` needs redis-server and PostgreSQL.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureTestDeps } from './test-deps';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const paths = ensureTestDeps(args);
if (!paths) process.exit(1);

const vitest = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...paths },
});
// Ctrl-C reaches vitest directly (same process group); wait for it to finish its own shutdown.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => vitest.kill('SIGTERM'));
vitest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
