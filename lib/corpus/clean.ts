import type { Block, BlockKind } from './types';

/**
 * Page chrome scraped along with the articles: navigation, reading-time badges, tables of contents,
 * reference lists whose text was stripped, and the site's own footer disclaimer.
 */
const CHROME_LINES: { pattern: RegExp; reason: string }[] = [
  { pattern: /^skip to (main )?content$/i, reason: 'navigation link' },
  { pattern: /^\d+\s*min(ute)?s? read$/i, reason: 'reading-time badge' },
  { pattern: /^(in this article|table of contents|contents)$/i, reason: 'table of contents' },
  { pattern: /^(\d+[.)]?\s*)+$/, reason: 'bare reference number' },
  { pattern: /^[-*•]\s*$/, reason: 'empty list marker' },
  { pattern: /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/, reason: 'table rule' },
];

/** Headings whose whole section is page chrome. */
const CHROME_SECTIONS = /^(references|sources|medical disclaimer|disclaimer|related articles|share this article)$/i;

/** First cells of flattened (pipe-less) table header rows. */
const TABLE_HEADER_START = /^(feature|nutrient|aspect|characteristic|factor|category|attribute)\s/i;

const BULLET = /^(?:[•●▪◦*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*/;

interface Line {
  raw: string;
  start: number;
  end: number;
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of body.split('\n')) {
    const end = start + part.length;
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    if (trimmed) lines.push({ raw: trimmed, start: start + lead, end: start + lead + trimmed.length });
    start = end + 1;
  }
  return lines;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function looksLikeHeading(text: string): boolean {
  if (text.length > 110 || wordCount(text) > 16) return false;
  if (/[.!,;:]$/.test(text)) return false;
  if (BULLET.test(text) || text.startsWith('|')) return false;
  return /^[\p{Lu}\d"'“‘(]/u.test(text);
}

function normalizeForCompare(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Splits an article body into typed blocks with offsets, marking page chrome instead of deleting it so
 * offsets into the verbatim text stay valid. Pure: the same body always gives the same blocks.
 */
export function parseBlocks(body: string, opts: { title?: string } = {}): Block[] {
  const lines = splitLines(body);
  const blocks: Block[] = [];
  const titleNorm = opts.title ? normalizeForCompare(opts.title) : '';
  let pendingBullet = false;
  let chromeSection = false;
  let inTable = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const push = (kind: BlockKind, text = line.raw, start = line.start, reason?: string) =>
      blocks.push({ kind, text, start, end: line.end, ...(reason ? { reason } : {}) });

    const chrome = CHROME_LINES.find((c) => c.pattern.test(line.raw));
    if (chrome) {
      if (chrome.reason === 'empty list marker') pendingBullet = true;
      push('chrome', line.raw, line.start, chrome.reason);
      continue;
    }

    // Markdown table rows: `| a | b |`.
    if (line.raw.startsWith('|') && line.raw.endsWith('|')) {
      const cells = line.raw.slice(1, -1).split('|').map((c) => c.trim());
      const isHeader = !inTable;
      inTable = true;
      if (chromeSection) push('chrome', line.raw, line.start, 'chrome section');
      else push(isHeader ? 'table-header' : 'table-row', cells.join(' · '));
      continue;
    }
    inTable = false;

    const bullet = BULLET.exec(line.raw);
    if (pendingBullet || bullet) {
      pendingBullet = false;
      const offset = bullet ? bullet[0].length : 0;
      if (chromeSection) push('chrome', line.raw, line.start, 'chrome section');
      else push('list-item', line.raw.slice(offset), line.start + offset);
      continue;
    }

    if (looksLikeHeading(line.raw) && i + 1 < lines.length) {
      chromeSection = CHROME_SECTIONS.test(line.raw);
      if (chromeSection) push('chrome', line.raw, line.start, 'chrome section');
      else if (titleNorm && normalizeForCompare(line.raw) === titleNorm && !blocks.some((b) => b.kind === 'title'))
        push('title');
      else if (TABLE_HEADER_START.test(line.raw)) {
        push('table-header');
        inTable = false;
        // Rows of a flattened table follow until the next heading.
        for (let j = i + 1; j < lines.length && !looksLikeHeading(lines[j].raw) && !lines[j].raw.startsWith('|'); j++, i++) {
          blocks.push({ kind: 'table-row', text: lines[j].raw, start: lines[j].start, end: lines[j].end });
        }
      } else push('heading');
      continue;
    }

    if (chromeSection) push('chrome', line.raw, line.start, 'chrome section');
    else push('paragraph');
  }

  return dropRepeats(blocks);
}

/**
 * Articles repeat themselves: FAQ answers re-published without their questions, for one. A paragraph
 * whose text already appeared earlier in the article is chrome; a heading left with no content is too.
 */
function dropRepeats(blocks: Block[]): Block[] {
  const seen: string[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'list-item') continue;
    const norm = normalizeForCompare(block.text);
    if (norm.length >= 40 && seen.some((s) => s.includes(norm))) {
      block.kind = 'chrome';
      block.reason = 'repeated text';
    } else seen.push(norm);
  }
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].kind === 'heading' && isEmptySection(blocks, i)) {
      blocks[i].kind = 'chrome';
      blocks[i].reason = 'empty section';
    }
  }
  return blocks;
}

/** A heading with only dropped blocks (or nothing at all) before the next heading or the end. */
function isEmptySection(blocks: Block[], headingIndex: number): boolean {
  let dropped = 0;
  for (let j = headingIndex + 1; j < blocks.length; j++) {
    const kind = blocks[j].kind;
    if (kind === 'chrome') dropped++;
    else if (kind === 'heading') return dropped > 0;
    else return false;
  }
  return true;
}
