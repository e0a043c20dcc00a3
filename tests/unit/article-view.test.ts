import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '@/lib/chunk/chunk-document';
import { articleSections, markRun, type ArticleNode, type TextRun } from '@/lib/corpus/article-view';
import { loadCorpus } from '@/lib/corpus/load';
import type { SourceDocument } from '@/lib/corpus/types';

const runs = (node: ArticleNode): TextRun[] =>
  node.type === 'heading' ? [] : node.type === 'paragraph' ? [node.run] : node.type === 'list' ? node.items : [...node.header, ...node.rows.flat()];

describe('articleSections', () => {
  it('places every line of every passage of the real articles in its passage section, at its offset', async () => {
    const { documents } = await loadCorpus(path.resolve('corpus'));
    expect(documents.length).toBeGreaterThan(0);
    for (const doc of documents) {
      const passages = chunkDocument(doc);
      const sections = articleSections(doc, passages);
      for (const p of passages) {
        const own = sections.filter((s) => s.passageId === p.id);
        expect(own.length, `${p.id} has one section`).toBe(1);
        const placed = own[0].nodes.flatMap(runs);
        for (const run of placed) expect(p.text.slice(run.offset!, run.offset! + run.text.length)).toBe(run.text);
        // Every character of the passage text is shown (only line breaks and cell separators between runs).
        const covered = placed.map((r) => r.text).join('');
        expect(covered.replace(/\s|·/g, '')).toBe(p.text.replace(/\s|·/g, ''));
      }
    }
  });

  it('splits a paragraph that two passages share and keeps headings out of passages', () => {
    const sentence = (i: number) => `Sentence number ${i} talks about vitamin K2 and calcium in arteries.`;
    const doc: SourceDocument = { id: 'd', title: 'T', origin: 'test', body: `Heading One\n${Array.from({ length: 30 }, (_, i) => sentence(i)).join(' ')}` };
    const passages = chunkDocument(doc, { maxWords: 130, minWords: 10 });
    expect(passages.length).toBeGreaterThan(1);
    const sections = articleSections(doc, passages);
    expect(sections[0]).toEqual({ passageId: undefined, nodes: [{ type: 'heading', text: 'Heading One' }] });
    expect(sections.slice(1).map((s) => s.passageId)).toEqual(passages.map((p) => p.id));
  });
});

describe('markRun', () => {
  it('marks the parts of a run inside the quote spans, by passage offsets', () => {
    const run = { text: 'Alpha beta. Gamma delta.', offset: 10 };
    expect(markRun(run, [{ start: 22, end: 34 }])).toEqual([
      { text: 'Alpha beta. ', marked: false },
      { text: 'Gamma delta.', marked: true },
    ]);
    expect(markRun(run, [{ start: 0, end: 5 }])).toEqual([{ text: 'Alpha beta. Gamma delta.', marked: false }]);
    expect(markRun({ text: 'x' }, [{ start: 0, end: 1 }])).toEqual([{ text: 'x', marked: false }]);
  });
});
