import { embed } from 'ai';
import type { EmbeddingConfig } from '../ai/model';
import { retrieve } from './retrieve';
import type { SearchHit, SearchIndex } from './types';
import { nearestPassages, type VectorIndex } from './vector-index';

/** Passage vectors plus a way to embed a query: what hybrid retrieval needs. */
export interface VectorSearch {
  vectors: VectorIndex;
  embedQuery(query: string, signal?: AbortSignal): Promise<number[]>;
}

/** Embeds queries with the configured embedding model, bounded in time. */
export function queryEmbedder(embedder: EmbeddingConfig): VectorSearch['embedQuery'] {
  return async (query, signal) => {
    const timer = AbortSignal.timeout(embedder.timeoutMs);
    const { embedding } = await embed({ model: embedder.model, value: query, maxRetries: 0, abortSignal: signal ? AbortSignal.any([signal, timer]) : timer });
    return embedding;
  };
}

/** Reciprocal-rank fusion: each list adds 1 / (c + rank) to an id's score (c = 60, as in Cormack et al.). */
export function reciprocalRankFusion(lists: string[][], c = 60): Map<string, number> {
  const scores = new Map<string, number>();
  for (const list of lists) list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (c + rank + 1)));
  return scores;
}

export interface SearchOptions {
  k?: number;
  vectors?: VectorSearch | null;
  signal?: AbortSignal;
}

/**
 * The retrieval the answer pipeline uses: BM25 alone without vectors; with vectors, BM25 and
 * nearest-neighbour lists fused by reciprocal rank. A failed query embedding falls back to BM25.
 */
export async function searchPassages(index: SearchIndex, query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  const k = opts.k ?? 5;
  if (!opts.vectors || opts.vectors.vectors.fingerprint !== index.fingerprint) return retrieve(index, query, { k });
  const pool = Math.max(k * 4, 20);
  const [lexical, vector] = await Promise.all([
    retrieve(index, query, { k: pool }),
    opts.vectors.embedQuery(query, opts.signal).catch((error) => {
      opts.signal?.throwIfAborted();
      console.warn(`[search] query embedding failed, using BM25 alone: ${error instanceof Error ? error.message : error}`);
      return null;
    }),
  ]);
  if (!vector) return lexical.slice(0, k);
  const semantic = await nearestPassages(opts.vectors.vectors, vector, pool);
  const fused = reciprocalRankFusion([lexical.map((h) => h.passage.id), semantic.map((h) => h.id)]);
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .flatMap(([id, score]) => {
      const passage = index.byId.get(id);
      return passage ? [{ passage, score }] : [];
    });
}
