import type { Passage } from '../chunk/types';
import { parseBlocks } from './clean';
import type { Block, SourceDocument } from './types';

/** Display text with, when it belongs to a passage, its offset in that passage's `text`. */
export interface TextRun {
  text: string;
  offset?: number;
}

export type ArticleNode =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; run: TextRun }
  | { type: 'list'; items: TextRun[] }
  | { type: 'table'; header: TextRun[]; rows: TextRun[][] };

export interface ArticleSection {
  /** The passage these nodes belong to, if any (headings and dropped text belong to none). */
  passageId?: string;
  nodes: ArticleNode[];
}

const CELL_SEPARATOR = ' · ';

/** A block (or the part of a long block that went into one passage). */
interface Piece {
  block: Block;
  run: TextRun;
  passageId?: string;
}

/** Table cells of a row run, each with its own offset into the passage. */
function cells(run: TextRun): TextRun[] {
  let at = 0;
  return run.text.split(CELL_SEPARATOR).map((text) => {
    const cell = { text, ...(run.offset !== undefined ? { offset: run.offset + at } : {}) };
    at += text.length + CELL_SEPARATOR.length;
    return cell;
  });
}

/**
 * Matches blocks to the lines of the passages made from them: a passage's text is its pieces joined
 * by line breaks, each piece a whole block or a run of sentences of one long block.
 */
function pieces(blocks: Block[], passages: Passage[]): Piece[] {
  const lines = passages.flatMap((p) => {
    let offset = 0;
    return p.text.split('\n').map((text) => {
      const line = { passageId: p.id, text, offset, start: p.start, end: p.end };
      offset += text.length + 1;
      return line;
    });
  });
  const out: Piece[] = [];
  let li = 0;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      out.push({ block, run: { text: block.text } });
      continue;
    }
    let at = 0;
    while (li < lines.length && at < block.text.length) {
      const line = lines[li];
      const found = block.text.indexOf(line.text, at);
      const inside = line.start <= block.end && line.end >= block.start;
      if (!line.text || !inside || found < 0 || block.text.slice(at, found).trim()) break;
      out.push({ block, run: { text: line.text, offset: line.offset }, passageId: line.passageId });
      at = found + line.text.length;
      li++;
    }
    if (at === 0) out.push({ block, run: { text: block.text } });
    else if (block.text.slice(at).trim()) out.push({ block, run: { text: block.text.slice(at).trim() } });
  }
  return out;
}

function addPiece(nodes: ArticleNode[], { block, run }: Piece) {
  const prev = nodes[nodes.length - 1];
  if (block.kind === 'list-item') {
    if (prev?.type === 'list') prev.items.push(run);
    else nodes.push({ type: 'list', items: [run] });
  } else if (block.kind === 'table-header' || block.kind === 'table-row') {
    if (block.kind === 'table-row' && prev?.type === 'table') prev.rows.push(cells(run));
    else nodes.push({ type: 'table', header: block.kind === 'table-header' ? cells(run) : [], rows: block.kind === 'table-row' ? [cells(run)] : [] });
  } else if (block.kind === 'heading') nodes.push({ type: 'heading', text: run.text });
  else nodes.push({ type: 'paragraph', run });
}

/**
 * The article as structured sections for the source viewer: headings, paragraphs, lists and tables
 * restored from the plain text, grouped by the passage each belongs to so a passage can be
 * highlighted, and with offsets so the supporting sentences inside it can be marked.
 */
export function articleSections(doc: SourceDocument, passages: Passage[]): ArticleSection[] {
  const blocks = parseBlocks(doc.body, { title: doc.title }).filter((b) => b.kind !== 'chrome' && b.kind !== 'title');
  const own = passages.filter((p) => p.docId === doc.id).sort((a, b) => a.ordinal - b.ordinal);
  const sections: ArticleSection[] = [];
  for (const piece of pieces(blocks, own)) {
    const last = sections[sections.length - 1];
    if (!last || piece.block.kind === 'heading' || last.passageId !== piece.passageId || last.nodes[0]?.type === 'heading') {
      sections.push({ passageId: piece.passageId, nodes: [] });
    }
    addPiece(sections[sections.length - 1].nodes, piece);
  }
  return sections;
}

/** Splits a run into plain and marked parts where it overlaps the given spans (passage offsets). */
export function markRun(run: TextRun, spans: { start: number; end: number }[]): { text: string; marked: boolean }[] {
  if (run.offset === undefined || !spans.length) return [{ text: run.text, marked: false }];
  const from = run.offset;
  const to = from + run.text.length;
  const parts: { text: string; marked: boolean }[] = [];
  let at = from;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(s.start, at);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    if (start > at) parts.push({ text: run.text.slice(at - from, start - from), marked: false });
    parts.push({ text: run.text.slice(start - from, end - from), marked: true });
    at = end;
  }
  if (at < to) parts.push({ text: run.text.slice(at - from), marked: false });
  return parts;
}
