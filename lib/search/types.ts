import type { AnyOrama } from '@orama/orama';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import type { LexicalIndex } from './lexical';

/** Everything a server process needs to answer: the Orama index plus passage and article records. */
export interface SearchIndex {
  db: AnyOrama;
  passages: Passage[];
  byId: Map<string, Passage>;
  documents: SourceDocument[];
  /** Hash of the corpus and the index format; a changed corpus means a stale index. */
  fingerprint: string;
  /** Document frequency of each stemmed term over passages, for weighting query terms. */
  df: Map<string, number>;
  /** The BM25F index `retrieve` scores with (rebuilt from passages on load). */
  lexical: LexicalIndex;
}

export interface SearchHit {
  passage: Passage;
  score: number;
}
