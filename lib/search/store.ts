import path from 'node:path';
import { loadCorpus } from '../corpus/load';
import { getEnv } from '../env';
import { processWide } from '../process-wide';
import { attachLibraryFile, readLibraryFile } from '../library/profile';
import { buildIndex } from './build-index';
import { loadIndex, saveIndex } from './persist';
import type { SearchIndex } from './types';

/** The index, once per process: `instrumentation.ts` loads it at start and every route uses it. */
const shared = processWide('library-index', () => ({ current: null as Promise<SearchIndex> | null }));

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
  shared.current ??= loadOrBuild().catch((e) => {
    shared.current = null;
    throw e;
  });
  return shared.current;
}

/** For tests and tools: use this index instead of the one on disk. */
export function setIndex(index: SearchIndex | null): void {
  shared.current = index ? Promise.resolve(index) : null;
}
