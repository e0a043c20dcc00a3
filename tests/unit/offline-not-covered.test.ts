import { describe, expect, it } from 'vitest';
import { extractiveAnswerModel } from '@/lib/ai/model';
import { answerStream } from '@/lib/answer/answer';
import { buildIndex } from '@/lib/search/build-index';

// Regression: when retrieval finds a passage but no sentence of it answers, the streamed text was
// empty while the final answer said "not covered" — the chat showed an empty bubble.
describe('offline answer with nothing to quote', () => {
  it('streams the same not-covered reply that the final result carries', async () => {
    const index = await buildIndex([
      { id: 'zinc', title: 'Zinc Lozenges Overview', origin: 'test', body: 'Basics\nThe tablets dissolve slowly in the mouth over several minutes.' },
    ]);
    const events = [];
    for await (const e of answerStream({ question: 'zinc lozenges?' }, { index, model: extractiveAnswerModel({ EXTRACTIVE_STREAM_DELAY_MS: 0 }) })) events.push(e);
    const streamed = events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    const finish = events.find((e) => e.type === 'finish');
    expect(finish?.type === 'finish' && finish.result.status).toBe('not-covered');
    expect(finish?.type === 'finish' && finish.result.citations).toEqual([]);
    expect(streamed.trim()).toBe(finish?.type === 'finish' ? finish.result.answer.trim() : '');
    expect(streamed).toMatch(/couldn't find/i);
  });
});
