import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import type { LexicalIndex } from './lexical';

/** Everything a server process needs to answer: passage and article records and the index over them. */
export interface SearchIndex {
  passages: Passage[];
  byId: Map<string, Passage>;
  documents: SourceDocument[];
  /** Hash of the corpus and the index format; a changed corpus means a stale index. */
  fingerprint: string;
  /** The BM25F index `retrieve` scores with (derived from passages; rebuilt on load). */
  lexical: LexicalIndex;
  /**
   * For an index loaded from disk: where the articles' full text is (their `body` is left empty in
   * memory; the source viewer reads one with `documentBody`). Byte offset and length per article id.
   */
  bodies?: { file: string; spans: Map<string, [number, number]> };
}

export interface SearchHit {
  passage: Passage;
  score: number;
}
