import { describe, expect, it } from 'vitest';
import { resolveQuery } from '@/lib/answer/query';
import { retrieve } from '@/lib/search/retrieve';
import { tinyIndex } from '../support/fixtures';

describe('resolveQuery (follow-ups, offline)', () => {
  it('leaves a question that names its own subject alone', () => {
    expect(resolveQuery('Which foods contain magnesium?', [{ role: 'user', text: 'What is vitamin K2?' }])).toBe('Which foods contain magnesium?');
    expect(resolveQuery('Which foods contain it?')).toBe('Which foods contain it?');
  });

  it('adds the subject of the conversation to a question that points back', () => {
    const q = resolveQuery('Which foods contain it?', [
      { role: 'user', text: 'Tell me about magnesium' },
      { role: 'assistant', text: 'Magnesium helps activate vitamin D [1].' },
    ]);
    expect(q).toMatch(/^Which foods contain it\? /);
    expect(q.toLowerCase()).toContain('magnesium');
    expect(q.toLowerCase()).not.toContain('tell');
  });

  it('finds the subject in an earlier turn when the last one has none', () => {
    const q = resolveQuery('And how much of it?', [
      { role: 'user', text: 'What is phylloquinone?' },
      { role: 'assistant', text: 'It is vitamin K1 [1].' },
      { role: 'user', text: 'Where is it found?' },
    ]);
    expect(q.toLowerCase()).toContain('phylloquinone');
  });

  it('keeps what was asked and swaps the subject for "what about X?"', () => {
    const q = resolveQuery('What about magnesium?', [{ role: 'user', text: 'Which foods are rich in vitamin K2?' }]);
    expect(q.toLowerCase()).toContain('magnesium');
    expect(q.toLowerCase()).toContain('foods');
    expect(q.toLowerCase()).not.toContain('k2');
  });

  it('falls back to the assistant reply for the subject', () => {
    const q = resolveQuery('How does it work?', [{ role: 'assistant', text: 'Warfarin is a vitamin K antagonist. It is used to prevent clots.' }]);
    expect(q.toLowerCase()).toMatch(/warfarin|vitamin k antagonist/);
    expect(q).toMatch(/^How does it work\? /);
  });

  it('makes retrieval find the passage the follow-up is about', async () => {
    const index = await tinyIndex();
    const query = resolveQuery('Which foods have it?', [{ role: 'user', text: 'What does magnesium do?' }]);
    const [top] = await retrieve(index, query, { k: 1 });
    expect(top.passage.docId).toBe('magnesium');
  });
});
