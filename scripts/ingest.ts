/**
 * npm run ingest [-- --if-stale]: load corpus/ → clean → chunk → index → save (atomically).
 * With --if-stale, does nothing when the saved index already matches the corpus.
 */
import path from 'node:path';
import { loadCorpus } from '../lib/corpus/load';
import { getEnv } from '../lib/env';
import { buildIndex, corpusFingerprint } from '../lib/search/build-index';
import { loadIndex, saveIndex, savedFingerprint } from '../lib/search/persist';
import { getEmbeddingModel } from '../lib/ai/model';
import type { SearchIndex } from '../lib/search/types';
import { buildVectorIndex, loadVectorIndex, saveVectorIndex, vectorPathFor } from '../lib/search/vector-index';

/** With an embedding model configured: passage vectors next to the index, rebuilt when stale. */
async function ingestVectors(env: ReturnType<typeof getEnv>, index: SearchIndex, indexFile: string) {
  const embedder = getEmbeddingModel(env);
  if (!embedder) return;
  const file = vectorPathFor(indexFile);
  if (await loadVectorIndex(file, { fingerprint: index.fingerprint, model: embedder.id })) {
    console.log(`ingest: passage vectors are up to date (${path.relative(process.cwd(), file)})`);
    return;
  }
  const started = performance.now();
  try {
    const vectors = await buildVectorIndex(index, embedder);
    await saveVectorIndex(vectors, file);
    console.log(`ingest: ${index.passages.length} passage vectors (${vectors.dimensions}-d, ${embedder.id}) → ${path.relative(process.cwd(), file)} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.warn(`ingest: could not embed passages with ${embedder.id} (${error instanceof Error ? error.message : error}); retrieval will use BM25 alone until it can.`);
  }
}

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
    const saved = getEmbeddingModel(env) ? await loadIndex(indexFile) : null;
    if (saved) await ingestVectors(env, saved, indexFile);
    return;
  }
  const index = await buildIndex(documents);
  const bytes = await saveIndex(index, indexFile);
  const avg = Math.round(index.passages.reduce((n, p) => n + p.text.length, 0) / index.passages.length);
  console.log(
    `ingest: ${documents.length} articles → ${index.passages.length} passages (avg ${avg} chars) → ${path.relative(process.cwd(), indexFile)} (${Math.round(bytes / 1024)} KB) in ${Math.round(performance.now() - started)} ms`,
  );
  await ingestVectors(env, index, indexFile);
}

main().catch((error) => {
  console.error(`ingest failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
