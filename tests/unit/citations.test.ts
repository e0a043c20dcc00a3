import { describe, expect, it } from 'vitest';
import { CitationRenumberer, markersIn } from '@/lib/answer/citations';
import { checkGrounding } from '@/lib/answer/grounding';
import { buildCitations } from '@/lib/answer/quotes';
import type { Passage } from '@/lib/chunk/types';

describe('CitationRenumberer', () => {
  it('renumbers by first citation and drops markers that point at no source, across chunk boundaries', () => {
    const r = new CitationRenumberer(3);
    const out = ['K2 helps [', '3]. D absorbs [1', '][3]. Magic [7]. Both', ' [1, 2].'].map((d) => r.push(d)).join('') + r.flush();
    expect(out).toBe('K2 helps [1]. D absorbs [2][1]. Magic. Both [2][3].');
    expect(r.cited()).toEqual([3, 1, 2]);
    expect(r.invalid).toBe(1);
    expect(markersIn(out)).toEqual([1, 2, 3]);
  });
});

const passage = (id: string, text: string): Passage => ({ id, docId: 'doc', title: 'T', section: 'S', text, start: 0, end: text.length, ordinal: 0, words: 10 });

describe('buildCitations', () => {
  it('quotes the passage sentence that supports each claim, with offsets', () => {
    const p = passage('doc--1', 'Calcium builds bones. Vitamin K2 activates MGP, which keeps calcium out of arteries. Eat greens.');
    const [c] = buildCitations('K2 activates MGP to keep calcium out of arteries [1].', [p]);
    expect(c.quote).toBe('Vitamin K2 activates MGP, which keeps calcium out of arteries.');
    expect(p.text.slice(c.quoteSpans[0].start, c.quoteSpans[0].end)).toBe(c.quote);
    // The same link the chat's marker follows: the passage, with the supporting sentence marked.
    expect(c.url).toBe(`/sources/doc?passage=doc--1&quote=${c.quoteSpans[0].start}-${c.quoteSpans[0].end}#doc--1`);
  });
});

describe('checkGrounding', () => {
  const passages = new Map([[1, 'Typical guidance suggests 90 micrograms of vitamin K per day for adult women.']]);
  it('accepts a sentence its source supports', () => {
    expect(checkGrounding('Adult women need about 90 micrograms of vitamin K per day [1].', passages)[0].supported).toBe(true);
  });
  it('flags a changed number, an uncited sentence and an unsupported claim', () => {
    const checks = checkGrounding('Adult women need 900 micrograms of vitamin K per day [1]. Vitamin K cures cancer. Zebras gallop across savannas quickly [1].', passages);
    expect(checks.map((c) => c.supported)).toEqual([false, false, false]);
    expect(checks[0].reason).toMatch(/900/);
    expect(checks[1].reason).toBe('no citation');
  });
});

describe('checkGrounding and the app’s own sentences', () => {
  it('does not flag the clinician note the app appends to medication answers, but still flags other uncited text', async () => {
    const { CLINICIAN_NOTE } = await import('@/lib/answer/safety');
    const passages = new Map([[1, 'Vitamin K2 can interfere with warfarin.']]);
    const checks = checkGrounding(`Vitamin K2 can interfere with warfarin [1].\n\n${CLINICIAN_NOTE}\n\nAlso take it daily.`, passages);
    expect(checks.map((c) => [c.sentence, c.supported])).toEqual([
      ['Vitamin K2 can interfere with warfarin [1].', true],
      ['Also take it daily.', false],
    ]);
  });
});
