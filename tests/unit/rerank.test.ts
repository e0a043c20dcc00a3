import { describe, expect, it } from 'vitest';
import type { Passage } from '@/lib/chunk/types';
import { expandQuery } from '@/lib/search/lexicon';
import { neighbours } from '@/lib/search/neighbours';
import { headingMatch, rerank } from '@/lib/search/rerank';
import { tinyIndex } from '../support/fixtures';

const passage = (id: string, section: string, text: string): Passage => ({ id, docId: id.split('--')[0], title: 'T', section, text, start: 0, end: 0, ordinal: 0, words: text.split(' ').length });

describe('rerank', () => {
  it('moves a passage that repeats a better one behind distinct passages', () => {
    const a = passage('a--1', 'Key Points', 'Vitamin K2 activates matrix Gla protein which keeps calcium out of the artery walls and soft tissues.');
    const b = passage('b--1', 'Summary', 'In short, vitamin K2 activates matrix Gla protein which keeps calcium out of the artery walls and soft tissues.');
    const c = passage('c--1', 'Foods', 'Natto and hard cheeses are rich in vitamin K2 and easy to add to meals.');
    const order = rerank([{ passage: a, score: 3 }, { passage: b, score: 2.9 }, { passage: c, score: 2 }], expandQuery('vitamin K2'));
    expect(order.map((h) => h.passage.id)).toEqual(['a--1', 'c--1', 'b--1']);
  });

  it('lifts a passage whose heading is what the question asks about', () => {
    expect(headingMatch('Food Sources of Magnesium', expandQuery('Which foods contain magnesium?'))).toBeGreaterThan(0.5);
    expect(headingMatch('Frequently Asked Questions', expandQuery('Which foods contain magnesium?'))).toBe(0);
    const generic = passage('a--1', 'Introduction', 'Magnesium is found in many foods.');
    const specific = passage('b--1', 'Magnesium in Foods', 'Magnesium is found in many foods.');
    const [top] = rerank([{ passage: generic, score: 1 }, { passage: specific, score: 0.9 }], expandQuery('foods with magnesium'));
    expect(top.passage.id).toBe('b--1');
  });
});

describe('neighbours', () => {
  it('gives the passages before and after one, within its article', async () => {
    const index = await tinyIndex();
    const first = index.passages.find((p) => p.docId === 'k2-basics')!;
    const { before, after } = neighbours(index, first.id);
    expect(before).toEqual([]);
    expect(after.map((p) => p.docId)).toEqual(['k2-basics']);
    expect(after[0].ordinal).toBe(first.ordinal + 1);
    expect(neighbours(index, 'missing--1')).toEqual({ before: [], after: [] });
  });
});
