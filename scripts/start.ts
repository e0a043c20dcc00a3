/**
 * npm start: ingest if the index is stale, build if the app is missing or stale, then `next start`
 * on PORT (default 3000) and HOST (default: every interface, as `next start` does). One command from
 * a fresh clone to a running app.
 */
import { spawn, spawnSync } from 'node:child_process';
import { getEnv } from '../lib/env';
import { buildState } from './build-state';

const { PORT, HOST } = (() => {
  try {
    return getEnv();
  } catch (error) {
    console.error(`start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
})();
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--if-stale']);
const state = buildState();
if (state !== 'fresh') {
  console.log(
    state === 'missing'
      ? 'start: building the app for the first time: `next build` compiles and type-checks it (about 30–60 s; later starts skip this)…'
      : 'start: sources changed since the last build: rebuilding and type-checking the app with `next build` (about 30–60 s)…',
  );
  const started = Date.now();
  run('npx', ['next', 'build']);
  console.log(`start: built in ${Math.round((Date.now() - started) / 1000)} s`);
}
const server = spawn('npx', ['next', 'start', '-p', String(PORT), ...(HOST ? ['-H', HOST] : [])], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

/**
 * Next loads each route's code on its first request (about 0.3–0.6 s here): ask one question on
 * loopback once the server listens, so a visitor's first question answers as fast as the hundredth.
 */
async function warmUp() {
  const base = `http://${HOST && HOST !== '0.0.0.0' && HOST !== '::' ? (HOST.includes(':') ? `[${HOST}]` : HOST) : '127.0.0.1'}:${PORT}`;
  const started = Date.now();
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-warm-up': '1' }, body: JSON.stringify({ question: 'What do the articles cover?' }) });
      await res.arrayBuffer();
      console.log(`start: ready at ${base} (answer path warmed up in ${Date.now() - started} ms)`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
if (process.env.START_WARM_UP !== 'off') void warmUp();
