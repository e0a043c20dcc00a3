/**
 * npm run ingest [-- --if-stale]: load corpus/ → clean → chunk → index → save (atomically).
 * With --if-stale, does nothing when the saved index already matches the corpus.
 */
import path from 'node:path';
import { loadCorpus } from '../lib/corpus/load';
import { getEnv } from '../lib/env';
import { buildIndex, corpusFingerprint } from '../lib/search/build-index';
import { saveIndex, savedFingerprint } from '../lib/search/persist';

async function main() {
  const env = getEnv();
  const ifStale = process.argv.includes('--if-stale');
  const corpusDir = path.resolve(env.CORPUS_DIR);
  const indexFile = path.resolve(env.INDEX_PATH);
  const started = performance.now();
  const { documents, skipped } = await loadCorpus(corpusDir);
  for (const s of skipped) console.warn(`ingest: skipped ${s.file}: ${s.problem}`);
  if (!documents.length) {
    console.error(`ingest: no usable .md or .txt articles in ${corpusDir}; the previous index (if any) is kept.`);
    process.exit(1);
  }
  if (ifStale && (await savedFingerprint(indexFile)) === corpusFingerprint(documents)) {
    console.log(`ingest: index is up to date (${path.relative(process.cwd(), indexFile)})`);
    return;
  }
  const index = await buildIndex(documents);
  const bytes = await saveIndex(index, indexFile);
  const avg = Math.round(index.passages.reduce((n, p) => n + p.text.length, 0) / index.passages.length);
  console.log(
    `ingest: ${documents.length} articles → ${index.passages.length} passages (avg ${avg} chars) → ${path.relative(process.cwd(), indexFile)} (${Math.round(bytes / 1024)} KB) in ${Math.round(performance.now() - started)} ms`,
  );
}

main().catch((error) => {
  console.error(`ingest failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
