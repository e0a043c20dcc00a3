import { describe, expect, it } from 'vitest';
import { answerQuestion } from '@/lib/answer/answer';
import { extractiveAnswerModel } from '@/lib/ai/model';
import { answers, libraryProfile } from '@/lib/library/profile';
import { buildIndex } from '@/lib/search/build-index';

const GARDEN = [
  { id: 'tomatoes', title: 'How do I grow tomatoes?', origin: 't', body: 'Tomatoes need six hours of sun a day, deep watering twice a week and a stake or cage to climb.\n\nQ: When should tomatoes be planted?\nA: Tomatoes are planted outside after the last frost, when the soil is warm.' },
  { id: 'roses', title: 'Pruning roses', origin: 'r', body: 'Roses are pruned in late winter, cutting just above an outward-facing bud with clean, sharp shears.' },
];

describe("a library's own description", () => {
  it('derives questions it answers from its titles and FAQ, and describes itself by its titles — never vitamin K2', async () => {
    const index = await buildIndex(GARDEN);
    const profile = libraryProfile(index);
    expect(profile.questions).toEqual(expect.arrayContaining(['How do I grow tomatoes?', 'When should tomatoes be planted?']));
    for (const q of profile.questions) expect(answers(index, q)).toBe(true);
    expect(profile.about).toContain('"Pruning roses"');
    expect(JSON.stringify(profile)).not.toMatch(/vitamin|K2|calcif/i);
  });

  it("keeps only the owner's questions that the library answers", async () => {
    const index = await buildIndex(GARDEN);
    const profile = libraryProfile(index, { about: 'growing vegetables and roses', questions: ['When should roses be pruned?', 'What does vitamin K2 do?'] });
    expect(profile.questions).toEqual(['When should roses be pruned?']);
    expect(profile.about).toBe('growing vegetables and roses');
  });

  it('declines with what the library covers and its own questions', async () => {
    const index = await buildIndex(GARDEN);
    const r = await answerQuestion({ question: 'What is the best zinc supplement for migraines?' }, { index, model: extractiveAnswerModel({ EXTRACTIVE_STREAM_DELAY_MS: 0 }) });
    expect(r.status).toBe('not-covered');
    expect(r.answer).not.toMatch(/vitamin K2|magnesium/);
    expect(r.answer).toMatch(/tomatoes|roses/);
  });
});
