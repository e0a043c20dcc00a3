/**
 * npm run page-weight: first-load JavaScript of `/` and `/embed` as the built app serves them — every
 * script the page's HTML loads, fetched and gzipped (level 9). Target: at most 150 KB gzipped each.
 * `<script nomodule>` (Next's legacy polyfills) is printed apart and not counted: browsers that run
 * modules — every browser Next 16 supports — never download it. Scripts a page loads later (on
 * interaction, or when an answer has finished) are not first-load and not counted.
 *
 * `npm run page-weight -- --by-package` also prints what the scripts are made of, per package and per
 * app file, read from source maps: build with them first (`PAGE_WEIGHT_SOURCE_MAPS=1 npm run build`,
 * see next.config.ts). Starts the built app on a free loopback port (run `npm run build` first).
 * Prints figures; exits 1 only when a target is missed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startApp } from '../tests/support/server';
import { bytesBySource, packageOf } from './page-weight-sources';

const TARGET_GZIP_KB = 150;
const CHUNKS = path.resolve(import.meta.dirname, '../.next/static/chunks');
const byPackage = process.argv.includes('--by-package');

interface Script {
  src: string;
  raw: number;
  gz: number;
  body: string;
}

async function fetchScript(base: string, src: string): Promise<Script> {
  const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
  return { src, raw: body.length, gz: gzipSync(body, { level: 9 }).length, body: body.toString('utf8') };
}

async function weigh(base: string, route: string) {
  const html = await (await fetch(`${base}${route}`)).text();
  const tags = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js[^"]*)"[^>]*>/g)];
  const unique = (list: RegExpExecArray[]) => [...new Set(list.map((m) => m[1]))];
  const noModule = unique(tags.filter((m) => /\bnomodule\b/i.test(m[0])));
  const loaded = unique(tags.filter((m) => !/\bnomodule\b/i.test(m[0])));
  const scripts = await Promise.all(loaded.map((src) => fetchScript(base, src)));
  const legacy = await Promise.all(noModule.map((src) => fetchScript(base, src)));
  const sum = (list: Script[], key: 'raw' | 'gz') => list.reduce((n, s) => n + s[key], 0);
  return { route, scripts, raw: sum(scripts, 'raw'), gz: sum(scripts, 'gz'), legacyGz: sum(legacy, 'gz') };
}

/** Gzipped bytes per package (or app file), each script's gzipped size shared out by its raw bytes. */
function breakdown(scripts: Script[]): { name: string; raw: number; gz: number }[] | null {
  const totals = new Map<string, { raw: number; gz: number }>();
  for (const script of scripts) {
    const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(script.body)?.[1];
    const mapPath = mapName && path.join(CHUNKS, mapName);
    if (!mapPath || !existsSync(mapPath)) return null;
    for (const [source, bytes] of bytesBySource(script.body, JSON.parse(readFileSync(mapPath, 'utf8')))) {
      const name = packageOf(source);
      const t = totals.get(name) ?? { raw: 0, gz: 0 };
      t.raw += bytes;
      t.gz += (bytes / script.body.length) * script.gz;
      totals.set(name, t);
    }
  }
  return [...totals].map(([name, t]) => ({ name, ...t })).sort((a, b) => b.gz - a.gz);
}

const kb = (n: number) => Math.round(n / 102.4) / 10;
const app = await startApp({ RATE_LIMIT_PER_MINUTE: '0', INSIGHTS: 'off' });
let missed = false;
try {
  for (const route of ['/', '/embed']) {
    const w = await weigh(app.url, route);
    const largest = [...w.scripts].sort((a, b) => b.gz - a.gz).slice(0, 3);
    console.log(
      `${route.padEnd(7)} ${w.scripts.length} scripts, ${kb(w.raw)} KB raw, ${kb(w.gz)} KB gzipped (target ≤ ${TARGET_GZIP_KB}); ` +
        `largest: ${largest.map((s) => `${s.src.split('/').pop()} ${kb(s.gz)} KB`).join(', ')}` +
        (w.legacyGz ? `; not counted: nomodule polyfills ${kb(w.legacyGz)} KB (old browsers only)` : ''),
    );
    if (w.gz > TARGET_GZIP_KB * 1024) missed = true;
    if (!byPackage) continue;
    const parts = breakdown(w.scripts);
    if (!parts) {
      console.log('        (no source maps: build with PAGE_WEIGHT_SOURCE_MAPS=1 npm run build for --by-package)');
      continue;
    }
    for (const p of parts.filter((p) => p.gz >= 256)) console.log(`        ${kb(p.gz).toFixed(1).padStart(6)} KB gz ${kb(p.raw).toFixed(1).padStart(7)} KB raw  ${p.name}`);
    const rest = parts.filter((p) => p.gz < 256);
    console.log(`        ${kb(rest.reduce((n, p) => n + p.gz, 0)).toFixed(1).padStart(6)} KB gz in ${rest.length} smaller parts`);
  }
} finally {
  await app.stop();
}
if (missed) process.exit(1);
