import { create, insertMultiple, load, save, search, type AnyOrama, type RawData } from '@orama/orama';
import { embedMany } from 'ai';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingConfig } from '../ai/model';
import type { Passage } from '../chunk/types';
import type { SearchIndex } from './types';

/** Bump when what is embedded per passage changes. */
export const VECTOR_FORMAT = 1;

/** Passage vectors in their own Orama database, so the text index's schema stays as it is. */
export interface VectorIndex {
  db: AnyOrama;
  /** Embedding model that made the vectors, e.g. 'openai:text-embedding-3-small'. */
  model: string;
  dimensions: number;
  /** Fingerprint of the text index the vectors belong to. */
  fingerprint: string;
}

interface SavedVectors {
  format: number;
  model: string;
  dimensions: number;
  fingerprint: string;
  orama: RawData;
}

/** Where the vectors of an index file live: `vectors.json` next to it. */
export function vectorPathFor(indexFile: string): string {
  return path.join(path.dirname(indexFile), 'vectors.json');
}

const createVectorDb = (dimensions: number) => create({ schema: { embedding: `vector[${dimensions}]` } as const });

/** What is embedded for a passage: where it sits in the article, then its text. */
export function passageEmbeddingText(p: Passage): string {
  return `${p.title} — ${p.section}\n${p.text}`;
}

/** Embeds every passage through the configured embedding model and indexes the vectors. */
export async function buildVectorIndex(index: SearchIndex, embedder: EmbeddingConfig, signal?: AbortSignal): Promise<VectorIndex> {
  const { embeddings } = await embedMany({
    model: embedder.model,
    values: index.passages.map(passageEmbeddingText),
    maxRetries: 1,
    abortSignal: signal,
  });
  const dimensions = embeddings[0]?.length ?? 0;
  if (!dimensions || embeddings.length !== index.passages.length) throw new Error('The embedding model returned no usable vectors.');
  const db = createVectorDb(dimensions);
  await insertMultiple(
    db,
    index.passages.map((p, i) => ({ id: p.id, embedding: embeddings[i] })),
  );
  return { db, model: embedder.id, dimensions, fingerprint: index.fingerprint };
}

/** Passage ids nearest to a query vector by cosine similarity, best first. */
export async function nearestPassages(vectors: VectorIndex, vector: number[], limit: number): Promise<{ id: string; score: number }[]> {
  if (vector.length !== vectors.dimensions) return [];
  const result = await search(vectors.db, { mode: 'vector', vector: { value: vector, property: 'embedding' }, similarity: 0.05, limit, includeVectors: true });
  return result.hits.map((h) => ({ id: String(h.id), score: h.score }));
}

export async function saveVectorIndex(vectors: VectorIndex, file: string): Promise<void> {
  const data: SavedVectors = { format: VECTOR_FORMAT, model: vectors.model, dimensions: vectors.dimensions, fingerprint: vectors.fingerprint, orama: save(vectors.db) };
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, file);
}

/** Saved vectors, or null when missing or made for another index, model or format. */
export async function loadVectorIndex(file: string, expect: { fingerprint: string; model: string }): Promise<VectorIndex | null> {
  let data: SavedVectors;
  try {
    data = JSON.parse(await readFile(file, 'utf8')) as SavedVectors;
  } catch {
    return null;
  }
  if (data.format !== VECTOR_FORMAT || data.fingerprint !== expect.fingerprint || data.model !== expect.model) return null;
  const db = createVectorDb(data.dimensions);
  load(db, data.orama);
  return { db, model: data.model, dimensions: data.dimensions, fingerprint: data.fingerprint };
}
