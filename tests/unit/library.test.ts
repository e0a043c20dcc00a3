import { describe, expect, it } from 'vitest';
import { askingAndContext } from '@/lib/answer/analyze';
import { rankedDocs, scoreRanking, type LibraryQuestion } from '@/lib/eval/library';
import { buildIndex } from '@/lib/search/build-index';
import { retrieve } from '@/lib/search/retrieve';
import { createSpeller } from '@/lib/text/spelling';
import type { SearchHit } from '@/lib/search/types';

describe('spelling against a large library', () => {
  const vocabulary = new Map([['diabetes', 400], ['diabete', 1], ['insulin', 90], ['glimepiride', 3]]);
  const speller = createSpeller(vocabulary);

  it("reads a word the library has only as a document's typo as the word it uses far more often", () => {
    expect(speller.correct('whats diabete').text).toBe('whats diabetes');
  });

  it('keeps rare library words that have no much commoner neighbour', () => {
    expect(speller.correct('glimepiride storage').text).toBe('glimepiride storage');
  });
});

describe('ranking on titles', () => {
  it('puts the document whose title is the question above one that mentions its words in passing', async () => {
    const index = await buildIndex([
      { id: 'a', title: 'What is the storage advice for glimepiride tablets?', origin: 'a', body: 'Keep the tablets in a closed container at room temperature, away from heat and moisture.' },
      { id: 'b', title: 'Getting a prescription filled', origin: 'b', body: 'Your pharmacist can answer questions about glimepiride, storage of medicines at home and refills of tablets.' },
    ]);
    const hits = await retrieve(index, 'how should I store glimepiride tablets', { k: 2 });
    expect(hits[0].passage.docId).toBe('a');
  });
});

describe("the foreign library's scoring rule", () => {
  const hit = (docId: string, n: number): SearchHit => ({ passage: { id: `${docId}--${n}`, docId, title: '', section: '', text: '', start: 0, end: 0, ordinal: n, words: 1 }, score: 1 });
  const q: LibraryQuestion = { qid: 'q', variants: { original: '', paraphrase: '', summary: '' }, judgments: new Map([['a', 4], ['b', 2], ['c', 3]]) };

  it('collapses passages to documents, first rank wins', () => {
    expect(rankedDocs([hit('b', 1), hit('b', 2), hit('a', 1), hit('x', 1)])).toEqual(['b', 'a', 'x']);
  });

  it('scores avgScore@1, P@5, MRR@10 and nDCG@10 as the README says', () => {
    const s = scoreRanking([q], [['b', 'a', 'x']]);
    expect(s.avgScore1).toBe(1); // grade 2 → 1
    expect(s.p5).toBeCloseTo(1 / 5);
    expect(s.mrr10).toBeCloseTo(1 / 2);
    const dcg = 1 + 3 / Math.log2(3);
    const ideal = 3 + 2 / Math.log2(3) + 1 / 2;
    expect(s.ndcg10).toBeCloseTo(dcg / ideal);
  });
});

describe('a subject line', () => {
  it('asks as much as the question under it (email and contact-form messages)', () => {
    const { asking } = askingAndContext('Beckwith-Wiedemann syndrome\nI would like to request further knowledge on this specific disorder.');
    expect(asking).toContain('Beckwith-Wiedemann syndrome');
    expect(askingAndContext('I am 54. Is K2 safe?').asking).toBe('Is K2 safe?');
  });
});
