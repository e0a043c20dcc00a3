import { describe, expect, it } from 'vitest';
import { extractiveAnswerModel } from '@/lib/ai/model';
import { answerQuestion } from '@/lib/answer/answer';
import { buildIndex } from '@/lib/search/build-index';

// Regression: a sentence that leaned on one that itself leaned back ("This happens because …" after
// "This can lead to …") was quoted with only one predecessor, so the answer opened with "This".
describe('extractive answers never open on a pronoun', () => {
  it('carries a chain of leaning sentences back to a self-contained start', async () => {
    const index = await buildIndex([
      {
        id: 'paradox',
        title: 'The Phosphate Paradox',
        origin: 'test',
        body: [
          'Phosphate Balance',
          'Phosphate is vital for bones, yet the kidneys must clear any excess of it every day. This can lead to a double burden on kidneys in older adults. This happens because phosphate binders raise phosphate clearance only partly.',
        ].join('\n'),
      },
    ]);
    const result = await answerQuestion({ question: 'How do phosphate binders affect phosphate clearance?' }, { index, model: extractiveAnswerModel({ EXTRACTIVE_STREAM_DELAY_MS: 0 }) });
    expect(result.status).toBe('answered');
    expect(result.answer).toMatch(/^Phosphate is vital for bones/);
    for (const sentence of result.answer.split(/(?<=[.!?])\s+/)) {
      if (/^This\b/.test(sentence)) expect(result.answer.indexOf(sentence)).toBeGreaterThan(0);
    }
  });
});
