import { describe, expect, it } from 'vitest';
import { coverage, knownForm } from '@/lib/answer/coverage';
import { expandQuery } from '@/lib/search/lexicon';
import { retrieve } from '@/lib/search/retrieve';
import { tinyIndex } from '../support/fixtures';

// Regression: in-scope questions were declined because one word was a form the articles don't use
// ("highest" where they say "high") or a light verb ("give"); such words weighed as much as an
// unknown topic.
describe('coverage with word forms the articles do not use', () => {
  it('maps a superlative or comparative to the base form the articles use, and only then', async () => {
    const index = await tinyIndex();
    const unit = (word: string) => knownForm(index, expandQuery(word)[0]);
    expect([...unit('highest').keys.keys()]).toEqual([...expandQuery('high')[0].keys.keys()]);
    expect([...unit('higher').keys.keys()]).toEqual([...expandQuery('high')[0].keys.keys()]);
    // No base form in the articles: the word stays unknown.
    expect([...unit('fastest').keys.keys()]).toEqual([...expandQuery('fastest')[0].keys.keys()]);
  });

  it('counts a covered question as covered despite a superlative and a light verb', async () => {
    const index = await tinyIndex();
    const question = 'Do the highest doses of vitamin D give you hypercalcemia?';
    const hits = await retrieve(index, question, { k: 5 });
    expect(coverage(index, question, hits)).toBeGreaterThanOrEqual(0.55);
    const offTopic = 'Which sport gives the fastest weight loss?';
    expect(coverage(index, offTopic, await retrieve(index, offTopic, { k: 5 }))).toBeLessThan(0.55);
  });
});
