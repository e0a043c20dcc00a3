import path from 'node:path';
import { loadCorpus } from '../corpus/load';
import { getEnv } from '../env';
import { attachLibraryFile, readLibraryFile } from '../library/profile';
import { buildIndex } from './build-index';
import { loadIndex, saveIndex } from './persist';
import type { SearchIndex } from './types';

/**
 * The process-wide index lives on `globalThis`: Next.js bundles `instrumentation.ts` (which loads it
 * at start) apart from the routes, and a module-level variable would be a second, empty copy.
 */
const shared = globalThis as typeof globalThis & { __libraryIndex?: Promise<SearchIndex> | null };
let current: Promise<SearchIndex> | null = null;

export function indexPath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), getEnv().INDEX_PATH);
}

async function loadOrBuild(): Promise<SearchIndex> {
  const index = await loadOrBuildIndex();
  // The owner's description of the library lives beside its articles.
  attachLibraryFile(index, readLibraryFile(getEnv().CORPUS_DIR));
  return index;
}

async function loadOrBuildIndex(): Promise<SearchIndex> {
  const file = indexPath();
  const saved = await loadIndex(file);
  if (saved) return saved;
  // No saved index (first run without ingest): build in memory and try to save for next time.
  const { documents, skipped } = await loadCorpus(path.resolve(/*turbopackIgnore: true*/ process.cwd(), getEnv().CORPUS_DIR));
  for (const s of skipped) console.warn(`[index] skipped ${s.file}: ${s.problem}`);
  const index = await buildIndex(documents);
  await saveIndex(index, file).catch((e) => console.warn(`[index] could not save ${file}: ${e}`));
  return index;
}

/** The process-wide index, loaded once (concurrent callers share the same promise). */
export function getIndex(): Promise<SearchIndex> {
  current ??= shared.__libraryIndex ?? null;
  if (!current) {
    current = shared.__libraryIndex = loadOrBuild().catch((e) => {
      current = shared.__libraryIndex = null;
      throw e;
    });
  }
  return current;
}

/** For tests and tools: use this index instead of the one on disk. */
export function setIndex(index: SearchIndex | null): void {
  current = shared.__libraryIndex = index ? Promise.resolve(index) : null;
}
