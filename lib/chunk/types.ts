/** A retrievable unit of an article: a few sentences, list items or table rows under one heading. */
export interface Passage {
  /** Globally unique and URL-safe: `<docId>--<n>`. */
  id: string;
  docId: string;
  title: string;
  section: string;
  text: string;
  /** Offsets into the document body of the first and last block. */
  start: number;
  end: number;
  /** Position within the document, for neighbours. */
  ordinal: number;
  words: number;
}
