import { stripMarkers } from '@/lib/answer/citations';
import type { GroundingCheck } from '@/lib/answer/types';
import { splitSentences } from '@/lib/text/sentences';
import type { Block, Inline } from './parse-markdown';

/** Sentence text reduced to its words, so markdown syntax and markers don't affect matching. */
export const sentenceKey = (text: string) =>
  stripMarkers(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function textOf(node: Inline): string {
  if (node.type === 'text' || node.type === 'code') return node.value;
  if (node.type === 'citation') return `[${node.n}]`;
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

/** Splits a block's inline children at sentence ranges and wraps the unsupported ones. */
function markInline(children: Inline[], unsupported: Map<string, string>): Inline[] {
  const full = children.map(textOf).join('');
  const ranges = splitSentences(full).flatMap((s) => {
    const reason = unsupported.get(sentenceKey(s.text));
    return reason ? [{ start: s.start, end: s.end, reason }] : [];
  });
  if (!ranges.length) return children;
  const out: Inline[] = [];
  let at = 0;
  let range = 0;
  let group: Inline[] = [];
  const closeGroup = () => {
    if (group.length) out.push({ type: 'unsupported', reason: ranges[range].reason, children: group });
    group = [];
  };
  for (const child of children) {
    const text = textOf(child);
    const pieces: { node: Inline; start: number }[] = [];
    if (child.type === 'text') {
      // Cut text nodes at range edges so only the sentence itself is wrapped.
      const cuts = [...new Set(ranges.flatMap((r) => [r.start, r.end]).filter((c) => c > at && c < at + text.length))].sort((a, b) => a - b);
      let from = at;
      for (const cut of [...cuts, at + text.length]) {
        pieces.push({ node: { type: 'text', value: text.slice(from - at, cut - at) }, start: from });
        from = cut;
      }
    } else pieces.push({ node: child, start: at });
    for (const piece of pieces) {
      while (range < ranges.length && piece.start >= ranges[range].end) {
        closeGroup();
        range++;
      }
      if (range < ranges.length && piece.start >= ranges[range].start) group.push(piece.node);
      else out.push(piece.node);
    }
    at += text.length;
  }
  if (range < ranges.length) closeGroup();
  return out;
}

/**
 * Marks the answer sentences the grounding check found unsupported by the passages they cite (or
 * citing nothing), in paragraphs and headings at any depth, so readers see which claims the sources
 * do not back.
 */
export function markUnsupported(blocks: Block[], grounding: GroundingCheck[] | undefined): Block[] {
  const unsupported = new Map((grounding ?? []).filter((g) => !g.supported).map((g) => [sentenceKey(g.sentence), g.reason ?? 'not supported']));
  if (!unsupported.size) return blocks;
  const mark = (block: Block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, children: markInline(block.children, unsupported) };
      case 'list':
        return { ...block, items: block.items.map((item) => item.map(mark)) };
      case 'blockquote':
        return { ...block, children: block.children.map(mark) };
      default:
        return block;
    }
  };
  return blocks.map(mark);
}
