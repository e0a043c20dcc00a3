import { createHash } from 'node:crypto';
import { chunkDocument, DEFAULT_CHUNK_OPTIONS } from '../chunk/chunk-document';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import { buildLexicalIndex, type LexicalIndex } from './lexical';
import type { SearchIndex } from './types';

/**
 * Bump when chunking, cleaning or the saved shape change so saved indexes are rebuilt.
 * 5: the saved index holds passages only (no Orama text index; retrieval never queried it).
 * 7: the articles' full text is saved beside the index (`<index>.<fingerprint>.bodies`), read on demand.
 * 8: JSON Lines (header, articles, passages, end line), read a line at a time.
 */
export const INDEX_FORMAT = 8;

export function corpusFingerprint(documents: SourceDocument[]): string {
  const hash = createHash('sha256').update(`format:${INDEX_FORMAT}:${JSON.stringify(DEFAULT_CHUNK_OPTIONS)}`);
  for (const d of documents) hash.update(`\0${d.id}\0${d.title}\0${d.origin}\0${d.body}`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Assembles an index from passages already chunked (used by build and by load). The BM25F index is
 * derived from the passages and the lexicon: a load passes the saved one when it still matches
 * today's analysis and lexicon (see postings-file.ts), else it is rebuilt here, so editing the
 * lexicon takes effect on restart without re-ingesting.
 */
export function indexPassages(documents: SourceDocument[], passages: Passage[], fingerprint: string, lexical?: LexicalIndex): SearchIndex {
  return {
    passages,
    documents,
    fingerprint,
    lexical: lexical ?? buildLexicalIndex(passages),
    byId: new Map(passages.map((p) => [p.id, p])),
  };
}

/** Chunks every document and indexes the passages. */
export async function buildIndex(documents: SourceDocument[]): Promise<SearchIndex> {
  const passages = documents.flatMap((d) => chunkDocument(d));
  return indexPassages(documents, passages, corpusFingerprint(documents));
}
