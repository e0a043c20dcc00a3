import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '@/lib/chunk/chunk-document';
import { loadCorpus } from '@/lib/corpus/load';

const sentence = (i: number) => `Sentence number ${i} talks about calcium and vitamin K2 in some detail here.`;

describe('chunkDocument', () => {
  it('starts a passage at each heading and records the section', () => {
    const body = ['Intro text that is long enough to stand alone as a passage about vitamin K2 and bones.', 'First Heading', 'Alpha paragraph about magnesium.', 'Second Heading', 'Beta paragraph about vitamin D.'].join('\n');
    const passages = chunkDocument({ id: 'doc', title: 'Doc', origin: 'test', body });
    expect(passages.map((p) => p.section)).toEqual(['Introduction', 'First Heading', 'Second Heading']);
    expect(passages[1].text).toBe('Alpha paragraph about magnesium.');
    expect(passages.map((p) => p.id)).toEqual(['doc--1', 'doc--2', 'doc--3']);
  });

  it('splits a long paragraph at sentence boundaries, never mid-sentence', () => {
    const body = ['Long Section', Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ')].join('\n');
    const passages = chunkDocument({ id: 'd', title: 'D', origin: 't', body }, { maxWords: 130, minWords: 40 });
    expect(passages.length).toBeGreaterThan(2);
    for (const p of passages) {
      expect(p.words).toBeLessThanOrEqual(130);
      expect(p.text).toMatch(/^Sentence number \d+/);
      expect(p.text).toMatch(/detail here\.$/);
      expect(body.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it('keeps a list with its lead-in line', () => {
    const body = ['Where to Find It', 'Good sources include:', '  • Natto', '  • Hard cheese', '  • Egg yolks'].join('\n');
    const [p] = chunkDocument({ id: 'd', title: 'D', origin: 't', body });
    expect(p.text).toBe('Good sources include:\nNatto\nHard cheese\nEgg yolks');
  });

  it('chunks the real corpus into passages of 40–250 words averaging under 1,000 characters', async () => {
    const { documents } = await loadCorpus(path.resolve('corpus'));
    const passages = documents.flatMap((d) => chunkDocument(d));
    expect(documents).toHaveLength(5);
    for (const p of passages) {
      expect(p.words).toBeGreaterThanOrEqual(40);
      expect(p.words).toBeLessThanOrEqual(250);
    }
    const avg = passages.reduce((n, p) => n + p.text.length, 0) / passages.length;
    expect(avg).toBeLessThan(1000);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    expect(passages.some((p) => /Skip to content|min read|In This Article/.test(p.text))).toBe(false);
  });
});
