/**
 * npm start: ingest if the index is stale, build if the app is missing or stale, then `next start`
 * on PORT (default 3000). One command from a fresh clone to a running app.
 */
import { spawn, spawnSync } from 'node:child_process';
import { getEnv } from '../lib/env';
import { buildIsStale } from './build-state';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--if-stale']);
if (buildIsStale()) {
  console.log('start: building the app (first run or sources changed)…');
  run('npx', ['next', 'build']);
}
const server = spawn('npx', ['next', 'start', '-p', String(getEnv().PORT)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
