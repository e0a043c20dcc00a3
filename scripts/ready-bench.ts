/**
 * npm run ready-bench [-- --library ../shared/foreign]
 *
 * Starts the built app (`npm run build` first) on a library and prints what its first minutes cost:
 * time from `next start` to ready, server RSS at ready, the warm-up question `npm start` asks, the
 * first visitor questions and the same questions again (ms each), and RSS after 24 answers and after
 * a source page. With --library, the corpus under .data/library-foreign/ (built by
 * `npm run eval -- --library …`) is served instead of corpus/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../tests/support/server';

const { values } = parseArgs({ options: { library: { type: 'string' } } });
const libraryEnv = values.library ? { CORPUS_DIR: '.data/library-foreign/docs', INDEX_PATH: '.data/library-foreign/index.json' } : {};
if (values.library && !existsSync(path.resolve('.data/library-foreign/docs/.complete'))) {
  console.error('ready-bench: build the library first: npm run eval -- --library ' + values.library + ' --no-ask');
  process.exit(1);
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OPENAI_API_KEY: '', INSIGHTS: 'off', RATE_LIMIT_PER_MINUTE: '0', ...libraryEnv };
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--if-stale'], { env, stdio: 'inherit' });

const port = await freePort();
const started = Date.now();
const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
child.stdout.on('data', (d) => (log += d));
child.stderr.on('data', (d) => (log += d));
/** RSS of the server (the process itself or the one it started), in MB. */
const rss = () => {
  const out = execFileSync('ps', ['-o', 'rss=', '--ppid', String(child.pid), '-p', String(child.pid)]).toString();
  return Math.round(Math.max(...out.trim().split(/\s+/).map(Number)) / 1024);
};
const base = `http://127.0.0.1:${port}`;
const ask = async (question: string) => {
  const t = performance.now();
  const res = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  const body = (await res.json()) as { citations?: { url: string }[] };
  return { ms: Math.round(performance.now() - t), url: body.citations?.[0]?.url };
};
try {
  while (!/\[ready\] \d+ passages loaded/.test(log)) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    if (Date.now() - started > 120_000) throw new Error(`not ready after 120 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = Date.now() - started;
  console.log(log.split('\n').find((l) => /\[ready\] \d+ passages loaded/.test(l)));
  console.log(`start to ready: ${readyMs} ms; RSS at ready ${rss()} MB`);
  console.log(`warm-up question (as npm start asks it): ${(await ask('What do the articles cover?')).ms} ms`);
  const questions = ['What is diabetes?', 'How is shingles treated?', 'What causes high blood pressure?', 'How is lupus diagnosed?', 'What are the symptoms of thyroid problems?', 'Can I get tetanus from a rusty nail?', 'Is it safe to take vitamin K2 with warfarin?', 'Which foods contain magnesium?'];
  const rounds: number[][] = [];
  let url: string | undefined;
  for (let r = 0; r < 3; r++) {
    const round: number[] = [];
    for (const q of questions) {
      const a = await ask(q);
      round.push(a.ms);
      url ??= a.url;
    }
    rounds.push(round);
  }
  console.log(`first visitor questions (ms): ${rounds[0].join(' ')}`);
  console.log(`same questions, third round (ms): ${rounds[2].join(' ')}`);
  console.log(`RSS after ${questions.length * 3} answers: ${rss()} MB`);
  if (url) {
    await (await fetch(new URL(url, base))).text();
    console.log(`RSS after a source page: ${rss()} MB`);
  }
} finally {
  child.kill('SIGKILL');
}
