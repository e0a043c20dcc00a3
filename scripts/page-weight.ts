/**
 * npm run page-weight: first-load JavaScript of `/` and `/embed` as the built app serves them — every
 * script the page's HTML loads, fetched and gzipped (level 9). Target: at most 150 KB gzipped each.
 * Starts the built app on a free loopback port (run `npm run build` first). Prints figures; exits 1
 * only when a target is missed.
 */
import { gzipSync } from 'node:zlib';
import { startApp } from '../tests/support/server';

const TARGET_GZIP_KB = 150;

async function weigh(base: string, route: string) {
  const html = await (await fetch(`${base}${route}`)).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  const files: { src: string; gz: number }[] = [];
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    const g = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += g;
    files.push({ src, gz: g });
  }
  return { route, scripts: srcs.length, raw, gz, largest: files.sort((a, b) => b.gz - a.gz).slice(0, 3) };
}

const app = await startApp({ RATE_LIMIT_PER_MINUTE: '0', INSIGHTS: 'off' });
let missed = false;
try {
  for (const route of ['/', '/embed']) {
    const w = await weigh(app.url, route);
    const kb = (n: number) => Math.round(n / 102.4) / 10;
    console.log(`${route.padEnd(7)} ${w.scripts} scripts, ${kb(w.raw)} KB raw, ${kb(w.gz)} KB gzipped (target ≤ ${TARGET_GZIP_KB}); largest: ${w.largest.map((f) => `${f.src.split('/').pop()} ${kb(f.gz)} KB`).join(', ')}`);
    if (w.gz > TARGET_GZIP_KB * 1024) missed = true;
  }
} finally {
  await app.stop();
}
if (missed) process.exit(1);
