import { describe, expect, it } from 'vitest';
import { buildCitations, citationHref, selectQuote } from '@/lib/answer/quotes';
import { answerWithFootnotes, groupSources } from '@/lib/answer/source-groups';
import type { Citation } from '@/lib/answer/types';
import type { Passage } from '@/lib/chunk/types';

const passage = (id: string, text: string, docId = 'doc'): Passage => ({ id, docId, title: `Title of ${docId}`, section: 'S', text, start: 0, end: text.length, ordinal: 0, words: 10 });
const texts = (text: string, claim: string) => selectQuote(claim, text).map((s) => text.slice(s.start, s.end));

describe('selectQuote', () => {
  const text = 'Calcium builds bones. Vitamin K2 activates MGP, which keeps calcium out of arteries. Eat greens.';

  it('picks the sentence a paraphrase is about, not the first one', () => {
    expect(texts(text, 'K2 switches on MGP so calcium stays out of the arteries [1].')).toEqual(['Vitamin K2 activates MGP, which keeps calcium out of arteries.']);
  });

  it('picks the sentence with the same dose when several sentences share the words', () => {
    const doses = 'Studies used 45 mg of MK-4 daily for bone health. Studies used 180 micrograms of MK-7 daily for arteries.';
    expect(texts(doses, 'Trials gave 180 micrograms of MK-7 a day [1].')).toEqual(['Studies used 180 micrograms of MK-7 daily for arteries.']);
  });

  it('quotes a list lead-in with all the items a claim repeats', () => {
    const list = 'Magnesium matters for calcium.\nFood sources of magnesium include:\nSeeds (chia, pumpkin)\nLeafy greens\nDark chocolate\nIt is also sold as a supplement.';
    expect(texts(list, 'Food sources of magnesium include: Seeds (chia, pumpkin), Leafy greens and Dark chocolate [1].')).toEqual([
      'Food sources of magnesium include:',
      'Seeds (chia, pumpkin)',
      'Leafy greens',
      'Dark chocolate',
    ]);
  });

  it('adds the neighbouring sentence when the claim spans two', () => {
    const two = 'Natto is fermented soybeans. It is the richest source of menaquinone-7 known. Cheese has some too.';
    expect(texts(two, 'Natto, made from fermented soybeans, is the richest source of menaquinone-7 [1].')).toEqual([
      'Natto is fermented soybeans.',
      'It is the richest source of menaquinone-7 known.',
    ]);
  });
});

describe('buildCitations', () => {
  it('joins the quotes of every sentence citing one passage, in passage order, with offsets and a deep link', () => {
    const p = passage('doc--2', 'Vitamin D raises calcium absorption. Too much vitamin D causes hypercalcemia. Magnesium activates vitamin D.');
    const [c] = buildCitations('Magnesium is what activates vitamin D [1]. Excess vitamin D can cause hypercalcemia [1].', [p]);
    expect(c.quote).toBe('Too much vitamin D causes hypercalcemia. … Magnesium activates vitamin D.');
    expect(c.quoteSpans.map((s) => p.text.slice(s.start, s.end))).toEqual(['Too much vitamin D causes hypercalcemia.', 'Magnesium activates vitamin D.']);
    expect(citationHref(c)).toBe(`/sources/doc?passage=doc--2&quote=${c.quoteSpans.map((s) => `${s.start}-${s.end}`).join(',')}#doc--2`);
  });
});

const cite = (n: number, docId: string, passageId: string, quote = `quote ${n}`): Citation => ({
  n, passageId, docId, title: `Title of ${docId}`, section: `Section ${n}`, quote, quoteSpans: [], passage: quote, url: `/sources/${docId}#${passageId}`,
});

describe('groupSources', () => {
  it('groups by article in order of first citation, numbered as in the text, two passages as two quotes', () => {
    const groups = groupSources([cite(3, 'a', 'a--7'), cite(1, 'a', 'a--2'), cite(2, 'b', 'b--1')]);
    expect(groups.map((g) => g.docId)).toEqual(['a', 'b']);
    expect(groups[0].title).toBe('Title of a');
    expect(groups[0].citations.map((c) => [c.n, c.passageId, c.quote])).toEqual([[1, 'a--2', 'quote 1'], [3, 'a--7', 'quote 3']]);
    expect(groups[1].citations.map((c) => c.n)).toEqual([2]);
  });

  it('returns nothing for an answer without citations', () => {
    expect(groupSources([])).toEqual([]);
  });
});

describe('answerWithFootnotes', () => {
  it('keeps the markers and adds one footnote per cited source with an absolute link', () => {
    const text = 'K2 activates MGP [1]. D needs magnesium [2].';
    const out = answerWithFootnotes(text, [cite(1, 'a', 'a--2', 'K2 activates MGP.'), cite(2, 'b', 'b--1'), cite(3, 'c', 'c--1')], 'https://k2.example');
    expect(out).toBe(
      'K2 activates MGP [1]. D needs magnesium [2].\n\nSources:\n' +
        '[1] Title of a — Section 1. “K2 activates MGP.” https://k2.example/sources/a#a--2\n' +
        '[2] Title of b — Section 2. “quote 2” https://k2.example/sources/b#b--1',
    );
  });
});
