/** A source article as loaded from `corpus/`. `body` is the verbatim text after any front matter. */
export interface SourceDocument {
  id: string;
  title: string;
  /** Where the article came from (front matter `source`, else the file name). */
  origin: string;
  body: string;
}

export type BlockKind =
  | 'title'
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'table-header'
  | 'table-row'
  | 'chrome';

/** One line-level unit of an article, with character offsets into the document body. */
export interface Block {
  kind: BlockKind;
  /** Display text: list markers and table pipes removed. */
  text: string;
  start: number;
  end: number;
  /** Why a chrome block was dropped (for ingest reports). */
  reason?: string;
}
