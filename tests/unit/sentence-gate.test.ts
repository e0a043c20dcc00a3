import { describe, expect, it } from 'vitest';
import { SentenceGate, type GroundingMode } from '@/lib/answer/sentence-gate';

const SOURCES = [
  'Vitamin K2 activates Matrix Gla Protein, which keeps calcium out of the arteries.',
  'Natto is a dish of fermented soybeans and the richest food source of vitamin K2.',
  'High doses of vitamin D can cause hypercalcemia, too much calcium in the blood.',
];
const gate = (mode: GroundingMode = 'strict') => new SentenceGate({ sourceCount: SOURCES.length, evidence: (n) => SOURCES[n - 1], mode });

/** Feeds text a word at a time; returns what came out after each word. */
function feed(g: SentenceGate, text: string): string[][] {
  return (text.match(/\S+\s*/g) ?? []).map((w) => g.push(w).map((o) => o.text));
}

describe('SentenceGate', () => {
  it('releases each sentence as soon as it is complete, before the answer ends', () => {
    const g = gate();
    const steps = feed(g, 'Natto is the richest food source of vitamin K2 [2]. Vitamin K2 activates Matrix Gla Protein [1]. ');
    const firstOut = steps.findIndex((s) => s.length);
    // Out at the word that closed it ("[2]."), not at the end of the stream.
    expect(firstOut).toBe(9);
    expect(steps[firstOut]).toEqual(['Natto is the richest food source of vitamin K2 [1].']);
    expect(steps.flat()).toEqual(['Natto is the richest food source of vitamin K2 [1].', ' Vitamin K2 activates Matrix Gla Protein [2].']);
    expect(g.end()).toEqual([]);
  });

  it('renumbers in order of first citation among the sentences shown, and reports first-cited sources', () => {
    const g = gate();
    const out = [...g.push('Natto is the richest food source of vitamin K2 [2]. High doses of vitamin D can cause hypercalcemia [3]. Natto is made of fermented soybeans [2]. '), ...g.end()];
    expect(out.map((o) => o.text.trim())).toEqual([
      'Natto is the richest food source of vitamin K2 [1].',
      'High doses of vitamin D can cause hypercalcemia [2].',
      'Natto is made of fermented soybeans [1].',
    ]);
    expect(out.map((o) => o.newSources)).toEqual([[2], [3], []]);
    expect(g.cited()).toEqual([2, 3]);
  });

  it('waits for a marker written after the full stop', () => {
    const g = gate();
    expect(g.push('Natto is the richest food source of vitamin K2. ')).toEqual([]);
    expect(g.push('[2] Vitamin')).toEqual([{ text: 'Natto is the richest food source of vitamin K2 [1].', newSources: [2] }]);
  });

  it('withholds an unsupported claim in strict mode, leaving the numbering without a gap and the text tidy', () => {
    const g = gate('strict');
    const out = [...g.push('Warfarin also cures osteoporosis within two weeks [9]. Natto is the richest food source of vitamin K2 [2]. '), ...g.end()];
    expect(out.map((o) => o.text)).toEqual(['Natto is the richest food source of vitamin K2 [1].']);
    expect(g.invalidMarkers).toBe(1);
    expect(g.checks[0]).toMatchObject({ sentence: 'Warfarin also cures osteoporosis within two weeks.', supported: false, shown: false, reason: 'no citation' });
  });

  it('shows it marked in flag mode, but only once a supported sentence follows (nothing retracted)', () => {
    const g = gate('flag');
    expect(g.push('Warfarin also cures osteoporosis within two weeks [9]. ')).toEqual([]);
    const out = [...g.push('Natto is the richest food source of vitamin K2 [2]. '), ...g.end()].map((o) => o.text);
    expect(out).toEqual(['Warfarin also cures osteoporosis within two weeks.', ' Natto is the richest food source of vitamin K2 [1].']);
    expect(g.checks.map((c) => [c.supported, c.shown])).toEqual([[false, true], [true, true]]);
    // With nothing supported, nothing is shown: the caller can answer offline instead.
    const none = gate('flag');
    expect([...none.push('Cheese prevents all heart attacks [1]. '), ...none.end()]).toEqual([]);
    expect(none.shown).toBe(0);
  });

  it('lets uncited advice through and keeps paragraph breaks', () => {
    const g = gate();
    const out = [...g.push('Natto is the richest food source of vitamin K2 [2].\n\nTalk to your doctor before changing your diet. '), ...g.end()].map((o) => o.text);
    expect(out).toEqual(['Natto is the richest food source of vitamin K2 [1].', '\n\nTalk to your doctor before changing your diet.']);
  });
});
