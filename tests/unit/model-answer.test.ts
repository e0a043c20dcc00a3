import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '@/lib/answer/answer';
import { getAnswerModel } from '@/lib/ai/model';
import { getEnv } from '@/lib/env';
import type { SearchIndex } from '@/lib/search/types';
import { tinyIndex } from '../support/fixtures';
import { say, sourcesIn, startOpenAIStandIn, type ModelRequest, type Script, type StandIn } from '../support/openai-stand-in';
import { cite } from '../support/scripted-model';

let index: SearchIndex;
let standIn: StandIn;
/** What the scripted model does next; each test sets it. */
let script: (req: ModelRequest) => Script = () => say('Nothing.');

beforeAll(async () => {
  index = await tinyIndex();
  standIn = await startOpenAIStandIn({ apiKey: 'test-key', reply: (req) => script(req) });
});
afterAll(() => standIn.close());

function deps(env: Record<string, string> = {}) {
  const model = getAnswerModel(
    getEnv({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: standIn.url, OPENAI_MODEL: 'scripted', EXTRACTIVE_STREAM_DELAY_MS: '0', OPENAI_TIMEOUT_MS: '2000', ...env }),
  );
  return { index, model };
}

/** The number the app gave the source containing `words`. */
function sourceWith(req: ModelRequest, words: string): number {
  const s = sourcesIn(req.system).find((x) => x.text.includes(words));
  if (!s) throw new Error(`no source with "${words}" in the prompt`);
  return s.n;
}

const QUESTION = 'What does vitamin K2 do for arteries, and which food is richest in it?';
const MGP = 'Vitamin K2 activates Matrix Gla Protein (MGP), which keeps calcium out of arteries';
const NATTO = 'Natto, a dish of fermented soybeans, is the richest food source of vitamin K2';

describe.each(['chat', 'responses'] as const)('a model answer over the %s API', (api) => {
  it('is shown with its citations renumbered by first citation, only cited sources listed, every sentence grounded', async () => {
    script = (req) => say(`${cite(NATTO, sourceWith(req, 'Natto'))} ${cite(MGP, sourceWith(req, 'Matrix Gla'))}`);
    const before = standIn.requests.length;
    const result = await answerQuestion({ question: QUESTION }, deps({ OPENAI_API: api }));
    const sent = standIn.requests.slice(before);
    expect(sent.map((r) => [r.api, r.stream])).toEqual([[api, true]]);
    expect(sent[0].question).toBe(QUESTION);
    expect(sourcesIn(sent[0].system).length).toBeGreaterThanOrEqual(2);

    expect(result.model).toBe('openai:scripted');
    expect(result.notice).toBeUndefined();
    expect(result.answer).toBe(`${NATTO} [1]. ${MGP} [2].`);
    expect(result.citations.map((c) => c.passage)).toEqual([expect.stringContaining('Natto'), expect.stringContaining('Matrix Gla')]);
    expect(result.grounding?.map((g) => g.supported)).toEqual([true, true]);
    expect(result.modelCheck).toEqual({ model: 'openai:scripted', invalidMarkers: 0, claims: 2, unsupported: 0, replaced: false });
    expect(result.timings.groundingMs).toBeGreaterThanOrEqual(0);
  });

  it('falls back to the offline answer, saying why, when the stream is cut mid-answer', async () => {
    script = (req) => ({ kind: 'cut', chunks: ['Natto is the richest ', `food source [${sourceWith(req, 'Natto')}]. MGP keeps`] });
    const result = await answerQuestion({ question: QUESTION }, deps({ OPENAI_API: api }));
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(/broke off/);
    expect(result.answer).not.toContain('MGP keeps');
    expect(result.citations.length).toBeGreaterThan(0);
  });
});

describe('checks on what the model wrote', () => {
  it('removes a marker to a source that was never given ([7] of 3) and flags the sentence left uncited', async () => {
    script = (req) => say(`${cite(NATTO, sourceWith(req, 'Natto'))} ${cite(MGP, sourceWith(req, 'Matrix Gla'))} Egg yolks also contain some [7].`);
    const result = await answerQuestion({ question: QUESTION }, { ...deps(), sourceCount: 3 });
    expect(standIn.requests.at(-1) && sourcesIn(standIn.requests.at(-1)!.system).length).toBe(3);
    expect(result.answer).not.toMatch(/\[7\]/);
    expect(result.answer).toMatch(/Egg yolks also contain some\.$/);
    expect(result.modelCheck?.invalidMarkers).toBe(1);
    expect(result.grounding?.at(-1)).toMatchObject({ sentence: 'Egg yolks also contain some.', supported: false, reason: 'no citation' });
    expect(result.citations).toHaveLength(2);
    expect(result.model).toBe('openai:scripted');
  });

  it('flags an unsupported sentence and a changed number but shows an answer that is mostly supported', async () => {
    script = (req) => {
      const d = sourceWith(req, 'hypercalcemia');
      return say(
        [
          cite(NATTO, sourceWith(req, 'Natto')),
          cite(MGP, sourceWith(req, 'Matrix Gla')),
          cite('Very high doses of vitamin D supplements can cause hypercalcemia', d),
          cite('Natto also cures migraines within 3 days', sourceWith(req, 'Natto')),
          cite('Around 40% of adults take too much vitamin D', d),
        ].join(' '),
      );
    };
    const result = await answerQuestion({ question: `${QUESTION} Can too much vitamin D be harmful?` }, deps());
    expect(result.model).toBe('openai:scripted');
    const flagged = result.grounding!.filter((g) => !g.supported);
    expect(flagged.map((g) => g.sentence)).toEqual([expect.stringContaining('migraines'), expect.stringContaining('40%')]);
    expect(flagged[1].reason).toMatch(/40%/);
    expect(result.modelCheck).toMatchObject({ claims: 5, unsupported: 2, replaced: false });
  });

  it('replaces an answer whose claims are mostly unsupported with the offline answer and a notice', async () => {
    script = (req) => {
      const n = sourceWith(req, 'Natto');
      return say([cite(NATTO, n), cite('Natto doubles bone density in 2 weeks', n), cite('Cheese prevents all heart attacks', n)].join(' '));
    };
    const result = await answerQuestion({ question: QUESTION }, deps());
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(/2 of 3 statements/);
    expect(result.answer).not.toMatch(/bone density|heart attacks/);
    expect(result.modelCheck).toMatchObject({ model: 'openai:scripted', claims: 3, unsupported: 2, replaced: true });
    expect(result.grounding?.every((g) => g.supported)).toBe(true);
  });

  it('replaces an answer with no citations', async () => {
    script = () => say('Vitamin K2 keeps calcium out of arteries, and natto is the richest source.');
    const result = await answerQuestion({ question: QUESTION }, deps());
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(/cited none of the articles/);
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.answer).toMatch(/\[1\]/);
  });
});

describe('faults never lose the question', () => {
  it.each([
    ['a 500', { kind: 'error', status: 500 } as Script, {}, /could not be reached/],
    ['a 429', { kind: 'error', status: 429 } as Script, {}, /rate-limiting/],
    ['a 401 (wrong key)', say('never sent'), { OPENAI_API_KEY: 'wrong-key' }, /rejected this app's API key/],
    ['a hang past the timeout', { kind: 'hang' } as Script, { OPENAI_TIMEOUT_MS: '300' }, /did not answer within 0\.3 s/],
    ['an answer cut short by the token limit', { kind: 'text', chunks: ['Natto is the richest'], finish: 'length' } as Script, {}, /broke off/],
  ])('answers offline after %s, with a notice', async (_name, reply, env, notice) => {
    script = () => reply;
    const result = await answerQuestion({ question: QUESTION }, deps(env as Record<string, string>));
    expect(result.status).toBe('answered');
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(notice);
    expect(result.answer.toLowerCase()).toContain('natto');
    expect(result.citations.length).toBeGreaterThan(0);
  });

  it('answers offline when nothing listens at the base URL', async () => {
    const model = getAnswerModel(getEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', EXTRACTIVE_STREAM_DELAY_MS: '0' }));
    const result = await answerQuestion({ question: QUESTION }, { index, model });
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(/could not be reached/);
  });
});
