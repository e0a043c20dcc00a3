/**
 * npm run loadtest [-- --clients 32 --duration 60]: starts the built app on loopback (rate limit off),
 * drives it with N concurrent clients through /api/ask and /api/chat for a bounded time, and prints
 * requests/s, time to first token p50/p95/p99, errors, and the server's memory (RSS) over the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { buildIsStale } from './build-state';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
};
const CLIENTS = arg('clients', 32);
const DURATION_S = arg('duration', 60);

const QUESTIONS = [
  'What are good food sources of vitamin K2?',
  'How does warfarin affect calcification?',
  'What is MK-7?',
  'Does vitamin D cause calcification?',
  'What does magnesium do for calcium balance?',
  'Can arterial calcification be reversed?',
  'What doses of vitamin K2 have studies used?',
  'What is Matrix Gla Protein?',
  'How do vitamin D and K2 work together?',
  'Who won the football world cup in 1998?',
];

interface Sample {
  endpoint: 'ask' | 'chat';
  ttftMs: number;
  ok: boolean;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** RSS of a process and all its descendants, in MB (Linux /proc). */
function treeRssMb(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let kb = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(kb / 102.4) / 10;
}

async function askOnce(url: string, question: string): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  const body = (await res.json()) as { answer?: string };
  // The whole answer arrives at once: its first token is available when the JSON is.
  return { endpoint: 'ask', ttftMs: performance.now() - started, ok: res.status === 200 && typeof body.answer === 'string' };
}

async function chatOnce(url: string, question: string): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: question }] }] }),
  });
  let ttftMs = NaN;
  let text = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    text += r.value;
    if (Number.isNaN(ttftMs) && text.includes('"type":"text-delta"')) ttftMs = performance.now() - started;
  }
  const ok = res.status === 200 && !Number.isNaN(ttftMs) && text.includes('"type":"finish"') && !text.includes('"type":"error"');
  return { endpoint: 'chat', ttftMs, ok };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const fmt = (ms: number) => `${Math.round(ms)} ms`;
const line = (label: string, values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `${label.padEnd(24)} p50 ${fmt(pct(s, 50)).padStart(8)}   p95 ${fmt(pct(s, 95)).padStart(8)}   p99 ${fmt(pct(s, 99)).padStart(8)}   (${s.length})`;
};

async function main() {
  if (buildIsStale()) {
    console.log('loadtest: building the app first…');
    const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', OPENAI_API_KEY: '', RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  for (let ready = false; !ready; ) {
    if (server.exitCode !== null) throw new Error('next start exited early');
    ready = await fetch(`${url}/api/search?q=vitamin`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 150));
  }
  // Warm up: compile routes, load the index, fill caches.
  for (let i = 0; i < 20; i++) await (i % 2 ? askOnce : chatOnce)(url, QUESTIONS[i % QUESTIONS.length]);
  const rssStart = treeRssMb(server.pid!);
  console.log(`loadtest: ${CLIENTS} clients for ${DURATION_S} s against ${url} (pid ${server.pid}); RSS after warm-up ${rssStart} MB`);

  const samples: Sample[] = [];
  let failures = 0;
  const rss: { t: number; done: number; mb: number }[] = [{ t: 0, done: 0, mb: rssStart }];
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  const sampler = setInterval(() => rss.push({ t: (performance.now() - started) / 1000, done: samples.length, mb: treeRssMb(server.pid!) }), 1000);
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const question = QUESTIONS[(client * 7 + i) % QUESTIONS.length];
        try {
          samples.push(await ((client + i) % 2 ? askOnce : chatOnce)(url, question));
        } catch {
          failures++;
          samples.push({ endpoint: client % 2 ? 'ask' : 'chat', ttftMs: NaN, ok: false });
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssEnd = treeRssMb(server.pid!);
  await new Promise((r) => setTimeout(r, 5000));
  const rssSettled = treeRssMb(server.pid!);

  const ok = samples.filter((s) => s.ok);
  const errors = samples.length - ok.length;
  console.log(`\nrequests      ${samples.length} in ${elapsed.toFixed(1)} s = ${(samples.length / elapsed).toFixed(1)} requests/s`);
  console.log(`errors        ${errors}${failures ? ` (${failures} network)` : ''}`);
  console.log(line('TTFT all', ok.map((s) => s.ttftMs)));
  console.log(line('TTFT /api/chat (stream)', ok.filter((s) => s.endpoint === 'chat').map((s) => s.ttftMs)));
  console.log(line('TTFT /api/ask (whole)', ok.filter((s) => s.endpoint === 'ask').map((s) => s.ttftMs)));
  const peak = Math.max(...rss.map((r) => r.mb), rssEnd);
  console.log(`server RSS    start ${rssStart} MB, end ${rssEnd} MB, peak ${peak} MB, 5 s after the run ${rssSettled} MB`);
  // Memory growth over 5,000 requests: the RSS when request #N completed against #N+5000 (the last 5,000).
  const at = (done: number) => rss.find((r) => r.done >= done) ?? rss[rss.length - 1];
  if (samples.length > 5000) {
    const from = at(samples.length - 5000);
    console.log(`memory growth over the last 5,000 requests (#${from.done} → #${samples.length}): ${(rssEnd - from.mb).toFixed(1)} MB (${from.mb} → ${rssEnd} MB)`);
  } else {
    console.log(`memory growth over all ${samples.length} requests: ${(rssEnd - rssStart).toFixed(1)} MB (fewer than 5,000 requests: run longer for that figure)`);
  }
  const step = Math.max(1, Math.floor(rss.length / 12));
  console.log(`RSS trace     ${rss.filter((_, i) => i % step === 0).map((r) => `${r.done}:${r.mb}`).join('  ')}  (requests:MB)`);
  stop();
  process.exit(errors ? 1 : 0);
}

main().catch((error) => {
  console.error(`loadtest failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
