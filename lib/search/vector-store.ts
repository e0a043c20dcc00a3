import { getEmbeddingModel } from '../ai/model';
import { getEnv } from '../env';
import { processWide } from '../process-wide';
import { queryEmbedder, type VectorSearch } from './hybrid';
import { indexPath } from './store';
import type { SearchIndex } from './types';
import { buildVectorIndex, loadVectorIndex, saveVectorIndex, vectorPathFor } from './vector-index';

/** Once per process, like the index (see lib/process-wide.ts): loaded at start, used by every route. */
const state = processWide('vector-search', () => ({ current: null as Promise<VectorSearch | null> | null, builtFor: '', failedAt: 0 }));
/** After a failed attempt to embed the passages, wait this long before trying again. */
const RETRY_AFTER_MS = 60_000;

async function loadOrBuild(index: SearchIndex): Promise<VectorSearch | null> {
  const embedder = getEmbeddingModel(getEnv());
  if (!embedder) return null;
  const file = vectorPathFor(indexPath());
  let vectors = await loadVectorIndex(file, { fingerprint: index.fingerprint, model: embedder.id });
  if (!vectors) {
    // Not made at ingest (or made for another corpus or model): embed now, once, and save for next time.
    try {
      vectors = await buildVectorIndex(index, embedder);
      await saveVectorIndex(vectors, file).catch((e) => console.warn(`[vectors] could not save ${file}: ${e}`));
    } catch (error) {
      console.warn(`[vectors] embedding the passages failed; retrieval uses BM25 alone: ${error instanceof Error ? error.message : error}`);
      return null;
    }
  }
  return { vectors, embedQuery: queryEmbedder(embedder) };
}

/** For tests: forget loaded vectors. */
export function resetVectorSearch(): void {
  state.current = null;
  state.builtFor = '';
  state.failedAt = 0;
}

/** The process-wide passage vectors for hybrid retrieval; null when no embedding model is configured. */
export function getVectorSearch(index: SearchIndex): Promise<VectorSearch | null> {
  if (!getEmbeddingModel(getEnv())) return Promise.resolve(null);
  if (!state.current && state.builtFor === index.fingerprint && Date.now() - state.failedAt < RETRY_AFTER_MS) return Promise.resolve(null);
  if (!state.current || state.builtFor !== index.fingerprint) {
    state.builtFor = index.fingerprint;
    state.current = loadOrBuild(index).then((v) => {
      if (!v) {
        state.current = null; // try again later (e.g. the embedding server was down)
        state.failedAt = Date.now();
      }
      return v;
    });
  }
  return state.current;
}
