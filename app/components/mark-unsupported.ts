import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { stripMarkers } from '@/lib/answer/citations';
import type { GroundingCheck } from '@/lib/answer/types';
import { splitSentences } from '@/lib/text/sentences';

/** Sentence text reduced to its words, so markdown syntax and markers don't affect matching. */
export const sentenceKey = (text: string) =>
  stripMarkers(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

const BLOCKS_WITH_TEXT = new Set(['paragraph', 'heading', 'tableCell']);

/** A phrasing node rendered as `<span class="unsupported">` around the sentence, with a visible note. */
function wrapper(children: PhrasingContent[], reason: string): PhrasingContent {
  const note = {
    type: 'unsupportedNote',
    data: { hName: 'span', hProperties: { className: ['unsupported-note'] } },
    children: [{ type: 'text', value: ' not confirmed by the cited source' }],
  };
  return {
    type: 'unsupported',
    data: { hName: 'span', hProperties: { className: ['unsupported'], dataTestid: 'unsupported-claim', title: `Not supported by the cited source: ${reason}` } },
    children: [...children, note],
  } as unknown as PhrasingContent;
}

/** Splits a block's inline children at sentence ranges and wraps the unsupported ones. */
function markBlock(block: Parents, unsupported: Map<string, string>) {
  const children = block.children as PhrasingContent[];
  const full = children.map(textOf).join('');
  const ranges = splitSentences(full).flatMap((s) => {
    const reason = unsupported.get(sentenceKey(s.text));
    return reason ? [{ start: s.start, end: s.end, reason }] : [];
  });
  if (!ranges.length) return;
  const out: PhrasingContent[] = [];
  let at = 0;
  let range = 0;
  let group: PhrasingContent[] = [];
  const closeGroup = () => {
    if (group.length) out.push(wrapper(group, ranges[range].reason));
    group = [];
  };
  for (const child of children) {
    const text = textOf(child);
    const pieces: { node: PhrasingContent; start: number }[] = [];
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
  block.children = out as typeof block.children;
}

/**
 * Remark plugin: marks the answer sentences the grounding check found unsupported by the passages
 * they cite (or citing nothing), so readers see which claims the sources do not back.
 */
export function remarkMarkUnsupported(options: { grounding?: GroundingCheck[] }) {
  const unsupported = new Map((options.grounding ?? []).filter((g) => !g.supported).map((g) => [sentenceKey(g.sentence), g.reason ?? 'not supported']));
  return (tree: Root) => {
    if (!unsupported.size) return;
    const visit = (node: Nodes) => {
      if (BLOCKS_WITH_TEXT.has(node.type)) markBlock(node as Parents, unsupported);
      else if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
    };
    visit(tree);
  };
}
