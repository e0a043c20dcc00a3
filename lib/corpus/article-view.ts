import type { Passage } from '../chunk/types';
import { parseBlocks } from './clean';
import type { Block, SourceDocument } from './types';

export type ArticleNode =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; header: string[]; rows: string[][] };

export interface ArticleSection {
  /** The passage these nodes belong to, if any (headings and dropped text belong to none). */
  passageId?: string;
  nodes: ArticleNode[];
}

function toNodes(blocks: Block[]): ArticleNode[] {
  const nodes: ArticleNode[] = [];
  for (const b of blocks) {
    const prev = nodes[nodes.length - 1];
    if (b.kind === 'list-item') {
      if (prev?.type === 'list') prev.items.push(b.text);
      else nodes.push({ type: 'list', items: [b.text] });
    } else if (b.kind === 'table-header' || b.kind === 'table-row') {
      const cells = b.text.includes(' · ') ? b.text.split(' · ') : [b.text];
      if (b.kind === 'table-row' && prev?.type === 'table') prev.rows.push(cells);
      else nodes.push({ type: 'table', header: b.kind === 'table-header' ? cells : [], rows: b.kind === 'table-row' ? [cells] : [] });
    } else if (b.kind === 'heading') nodes.push({ type: 'heading', text: b.text });
    else if (b.kind === 'paragraph') nodes.push({ type: 'paragraph', text: b.text });
  }
  return nodes;
}

/**
 * The article as structured sections for the source viewer: headings, paragraphs, lists and tables
 * restored from the plain text, grouped by the passage each belongs to so a passage can be highlighted.
 */
export function articleSections(doc: SourceDocument, passages: Passage[]): ArticleSection[] {
  const blocks = parseBlocks(doc.body, { title: doc.title }).filter((b) => b.kind !== 'chrome' && b.kind !== 'title');
  const own = passages.filter((p) => p.docId === doc.id);
  const sections: ArticleSection[] = [];
  let group: Block[] = [];
  let groupPassage: string | undefined;
  const flush = () => {
    if (group.length) sections.push({ passageId: groupPassage, nodes: toNodes(group) });
    group = [];
  };
  for (const block of blocks) {
    const passage = own.find((p) => block.start >= p.start && block.end <= p.end);
    const id = block.kind === 'heading' ? undefined : passage?.id;
    if (id !== groupPassage || block.kind === 'heading') {
      flush();
      groupPassage = id;
    }
    group.push(block);
  }
  flush();
  return sections;
}
