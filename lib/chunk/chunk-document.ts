import { parseBlocks } from '../corpus/clean';
import type { Block, SourceDocument } from '../corpus/types';
import { splitSentences } from '../text/sentences';
import type { Passage } from './types';

export interface ChunkOptions {
  /** A passage grows until adding the next block would pass this many words. */
  maxWords: number;
  /** Shorter trailing pieces are merged into the previous passage of the same section. */
  minWords: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxWords: 130, minWords: 40 };

interface Piece {
  text: string;
  start: number;
  end: number;
  words: number;
  /** Tables and their rows are kept together in passages of their own. */
  table: boolean;
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Splits a block longer than `maxWords` at sentence boundaries into pieces of similar size. */
function blockPieces(block: Block, maxWords: number): Piece[] {
  const table = block.kind === 'table-header' || block.kind === 'table-row';
  const words = countWords(block.text);
  if (words <= maxWords) return [{ text: block.text, start: block.start, end: block.end, words, table }];
  const sentences = splitSentences(block.text);
  const parts = Math.ceil(words / maxWords);
  const target = words / parts;
  const pieces: Piece[] = [];
  let current: typeof sentences = [];
  let currentWords = 0;
  const flush = () => {
    if (!current.length) return;
    const first = current[0];
    const last = current[current.length - 1];
    pieces.push({
      text: block.text.slice(first.start, last.end),
      start: block.start + first.start,
      end: block.start + last.end,
      words: currentWords,
      table,
    });
    current = [];
    currentWords = 0;
  };
  for (const s of sentences) {
    const w = countWords(s.text);
    if (currentWords > 0 && currentWords + w / 2 > target) flush();
    current.push(s);
    currentWords += w;
  }
  flush();
  return pieces;
}

/**
 * Chunks one article into passages that follow its structure: a heading starts a new passage, lists
 * stay with their lead-in line, tables stay whole with their header row, long paragraphs split at
 * sentence boundaries, and short tails join the passage before them.
 */
export function chunkDocument(doc: SourceDocument, opts: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Passage[] {
  const blocks = parseBlocks(doc.body, { title: doc.title });
  const sections: { heading: string; pieces: Piece[] }[] = [];
  let section = { heading: 'Introduction', pieces: [] as Piece[] };
  for (const block of blocks) {
    if (block.kind === 'chrome' || block.kind === 'title') continue;
    if (block.kind === 'heading') {
      if (section.pieces.length) sections.push(section);
      section = { heading: block.text, pieces: [] };
      continue;
    }
    section.pieces.push(...blockPieces(block, opts.maxWords));
  }
  if (section.pieces.length) sections.push(section);

  const passages: Passage[] = [];
  for (const { heading, pieces } of sections) {
    const groups: Piece[][] = [];
    let group: Piece[] = [];
    let words = 0;
    for (const piece of pieces) {
      const tableBoundary = group.length > 0 && group[group.length - 1].table !== piece.table;
      if (group.length && (tableBoundary || words + piece.words > opts.maxWords)) {
        groups.push(group);
        group = [];
        words = 0;
      }
      group.push(piece);
      words += piece.words;
    }
    if (group.length) groups.push(group);
    // Merge a short tail into its predecessor when the two stay within bounds and are of one kind.
    for (let i = groups.length - 1; i > 0; i--) {
      const tail = groups[i];
      const prev = groups[i - 1];
      const tailWords = tail.reduce((n, p) => n + p.words, 0);
      const prevWords = prev.reduce((n, p) => n + p.words, 0);
      if (tailWords < opts.minWords && prevWords + tailWords <= opts.maxWords + opts.minWords && prev[0].table === tail[0].table) {
        groups.splice(i - 1, 2, [...prev, ...tail]);
      }
    }
    for (const g of groups) {
      const ordinal = passages.length;
      passages.push({
        id: `${doc.id}--${ordinal + 1}`,
        docId: doc.id,
        title: doc.title,
        section: heading,
        text: g.map((p) => p.text).join('\n'),
        start: g[0].start,
        end: g[g.length - 1].end,
        ordinal,
        words: g.reduce((n, p) => n + p.words, 0),
      });
    }
  }
  return passages;
}
