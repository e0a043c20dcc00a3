import { create, insertMultiple } from '@orama/orama';
import { createHash } from 'node:crypto';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../chunk/chunk-document';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import { terms, tokenizer } from '../text/terms';
import type { SearchIndex } from './types';

/** Bump when chunking, cleaning or the schema change so saved indexes are rebuilt. */
export const INDEX_FORMAT = 3;

export const PASSAGE_SCHEMA = {
  docId: 'string',
  title: 'string',
  section: 'string',
  text: 'string',
} as const;

/** An empty Orama database with the project's tokenizer (stemming, stop words, folded hyphens). */
export function createPassageDb() {
  return create({ schema: PASSAGE_SCHEMA, components: { tokenizer } });
}

export function corpusFingerprint(documents: SourceDocument[]): string {
  const hash = createHash('sha256').update(`format:${INDEX_FORMAT}:${JSON.stringify(DEFAULT_CHUNK_OPTIONS)}`);
  for (const d of documents) hash.update(`\0${d.id}\0${d.title}\0${d.origin}\0${d.body}`);
  return hash.digest('hex').slice(0, 16);
}

export function documentFrequencies(passages: Passage[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const p of passages) {
    for (const t of new Set(terms(`${p.section} ${p.text}`))) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return df;
}

/** Assembles an index from passages already chunked (used by build and by load). */
export async function indexPassages(
  documents: SourceDocument[],
  passages: Passage[],
  fingerprint: string,
): Promise<SearchIndex> {
  const db = createPassageDb();
  await insertMultiple(
    db,
    passages.map((p) => ({ id: p.id, docId: p.docId, title: p.title, section: p.section, text: p.text })),
  );
  return { db, passages, byId: new Map(passages.map((p) => [p.id, p])), documents, fingerprint, df: documentFrequencies(passages) };
}

/** Chunks every document and indexes the passages. */
export async function buildIndex(documents: SourceDocument[]): Promise<SearchIndex> {
  const passages = documents.flatMap((d) => chunkDocument(d));
  return indexPassages(documents, passages, corpusFingerprint(documents));
}
