import { create, insertMultiple } from '@orama/orama';
import { createHash } from 'node:crypto';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../chunk/chunk-document';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import { tokenizer } from '../text/terms';
import { buildLexicalIndex, type LexicalIndex } from './lexical';
import type { SearchIndex } from './types';

/** Bump when chunking, cleaning or the schema change so saved indexes are rebuilt. */
export const INDEX_FORMAT = 4;

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

/** Document frequency of each key over passages, read off the lexical index. */
export function documentFrequencies(lexical: LexicalIndex): Map<string, number> {
  return new Map([...lexical.postings].map(([k, p]) => [k, p.docs.length]));
}

/** The in-memory parts of an index that are derived from passages (not saved). */
export function derivedParts(passages: Passage[]) {
  const lexical = buildLexicalIndex(passages);
  return { lexical, df: documentFrequencies(lexical), byId: new Map(passages.map((p) => [p.id, p])) };
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
  return { db, passages, documents, fingerprint, ...derivedParts(passages) };
}

/** Chunks every document and indexes the passages. */
export async function buildIndex(documents: SourceDocument[]): Promise<SearchIndex> {
  const passages = documents.flatMap((d) => chunkDocument(d));
  return indexPassages(documents, passages, corpusFingerprint(documents));
}
