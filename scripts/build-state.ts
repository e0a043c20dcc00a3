import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Inputs of `next build`: when any is newer than the last build, the build is stale. */
const BUILD_INPUTS = [
  'app',
  'lib',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  // Data files the server bundles import (an edit takes effect after a rebuild, which `npm start` then does).
  'corpus/lexicon.json',
  'corpus/red-flags.json',
  'corpus/steering.json',
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** `missing`: `.next` has no production build; `stale`: one older than the sources; `fresh` otherwise. */
export function buildState(root = process.cwd()): 'missing' | 'stale' | 'fresh' {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'missing';
  const built = statSync(buildId).mtimeMs;
  return BUILD_INPUTS.some((p) => newestMtime(path.join(root, p)) > built) ? 'stale' : 'fresh';
}

/** True when `.next` has no production build or one older than the sources. */
export const buildIsStale = (root = process.cwd()): boolean => buildState(root) !== 'fresh';
