import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { composeExtractive, selectSentences, withMarker } from '@/lib/answer/compose-extractive';
import { createExtractiveModel } from '@/lib/ai/extractive-model';
import type { NumberedSource } from '@/lib/answer/types';

const sources: NumberedSource[] = [
  { n: 1, passageId: 'a--1', docId: 'a', title: 'A', section: 'Warfarin', text: 'Warfarin blocks the recycling of vitamin K. This leaves MGP inactive, so arteries calcify faster. Eat well.' },
  { n: 2, passageId: 'b--1', docId: 'b', title: 'B', section: 'Doses', text: 'Studies used 180 micrograms of MK-7 per day. Warfarin users should consult a doctor before taking vitamin K2.' },
];
const weights = { warfarin: 3, mgp: 2, arteri: 1 };

describe('extractive answers', () => {
  it('picks the sentences that match the question, most relevant first, each cited', () => {
    const picked = selectSentences({ weights, sources });
    expect(picked[0].n).toBe(1);
    expect(picked.map((p) => p.text).join(' ')).not.toContain('Eat well');
  });

  it('carries the previous sentence along with one that starts with a pronoun', () => {
    const picked = selectSentences({ weights: { mgp: 2, inact: 1 }, sources });
    const withThis = picked.find((p) => p.text.includes('This leaves MGP inactive'));
    expect(withThis?.text.startsWith('Warfarin blocks the recycling')).toBe(true);
  });

  it('places markers before the final punctuation and drops labels', () => {
    expect(withMarker('MGP is an inhibitor.', 2)).toBe('MGP is an inhibitor [2].');
    expect(withMarker('Key Point: MGP is an inhibitor', 1)).toBe('MGP is an inhibitor [1].');
    expect(withMarker('Q: What? A: It works.', 1)).not.toMatch(/^Q:/);
  });

  it('returns nothing when no sentence shares a term with the question', () => {
    expect(composeExtractive({ weights: { weather: 5 }, sources })).toBe('');
  });

  it('streams through streamText like any model, with the request passed as provider options', async () => {
    const result = streamText({
      model: createExtractiveModel({ chunkDelayMs: 0, wordsPerChunk: 2 }),
      prompt: 'How does warfarin affect arteries?',
      providerOptions: { extractive: { weights, sources } as never },
    });
    const deltas: string[] = [];
    for await (const d of result.textStream) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(composeExtractive({ weights, sources }));
    expect(deltas.join('')).toMatch(/\[1\]/);
  });
});
