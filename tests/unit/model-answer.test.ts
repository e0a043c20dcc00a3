import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, answerStream } from '@/lib/answer/answer';
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
    expect(result.modelCheck).toMatchObject({ model: 'openai:scripted', invalidMarkers: 0, claims: 2, unsupported: 0, replaced: false });
    expect(result.modelCheck?.checkMs).toHaveLength(2);
    expect(result.timings.groundingMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps what was shown when the stream is cut after the first sentence, and says the answer may be incomplete', async () => {
    script = (req) => ({ kind: 'cut', chunks: [`${NATTO} `, `[${sourceWith(req, 'Natto')}]. MGP keeps`] });
    const result = await answerQuestion({ question: QUESTION }, deps({ OPENAI_API: api }));
    expect(result.answer.startsWith(`${NATTO} [1].`)).toBe(true);
    expect(result.answer).not.toContain('MGP keeps');
    expect(result.notice).toMatch(/may be incomplete/);
    expect(result.answer.endsWith(result.notice!)).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.model).toBe('openai:scripted (incomplete)');
    expect(result.citations).toHaveLength(1);
  });

  it('keeps the clinician note on a medication question whose answer was cut short, before the incomplete notice', async () => {
    const { CLINICIAN_NOTE } = await import('@/lib/answer/safety');
    script = (req) => ({ kind: 'cut', chunks: [`${NATTO} `, `[${sourceWith(req, 'Natto')}]. MGP keeps`] });
    const result = await answerQuestion({ question: 'I take warfarin. Which food is richest in vitamin K2?' }, deps({ OPENAI_API: api }));
    expect(result.complete).toBe(false);
    expect(result.answer).toContain(CLINICIAN_NOTE);
    expect(result.answer.endsWith(result.notice!)).toBe(true);
  });

  it('falls back to the offline answer, saying why, when the stream is cut before a sentence is complete', async () => {
    script = () => ({ kind: 'cut', chunks: ['Natto is the PARTIAL-MODEL-TEXT ', 'food source of'] });
    const result = await answerQuestion({ question: QUESTION }, deps({ OPENAI_API: api }));
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(/broke off/);
    expect(result.answer).not.toContain('PARTIAL-MODEL-TEXT');
    expect(result.citations.length).toBeGreaterThan(0);
  });
});

describe('checks on what the model wrote', () => {
  it('removes a marker to a source that was never given ([7] of 3) and withholds the sentence left uncited', async () => {
    script = (req) => say(`${cite(NATTO, sourceWith(req, 'Natto'))} ${cite(MGP, sourceWith(req, 'Matrix Gla'))} Egg yolks also contain some [7].`);
    const result = await answerQuestion({ question: QUESTION }, { ...deps(), sourceCount: 3 });
    expect(standIn.requests.at(-1) && sourcesIn(standIn.requests.at(-1)!.system).length).toBe(3);
    expect(result.answer).toBe(`${NATTO} [1]. ${MGP} [2].`);
    expect(result.modelCheck?.invalidMarkers).toBe(1);
    expect(result.grounding?.at(-1)).toEqual({ sentence: 'Egg yolks also contain some.', cited: [], supported: false, reason: 'no citation', shown: false });
    expect(result.citations).toHaveLength(2);
    expect(result.model).toBe('openai:scripted');
  });

  const MIXED = (req: ModelRequest) => {
    const d = sourceWith(req, 'hypercalcemia');
    return say(
      [
        cite(NATTO, sourceWith(req, 'Natto')),
        'Warfarin also cures osteoporosis within two weeks [9].',
        cite(MGP, sourceWith(req, 'Matrix Gla')),
        cite('Very high doses of vitamin D supplements can cause hypercalcemia', d),
        cite('Natto also cures migraines within 3 days', sourceWith(req, 'Natto')),
        cite('Around 40% of adults take too much vitamin D', d),
      ].join(' '),
    );
  };

  it('withholds unsupported claims and changed numbers (strict, the default), recording why', async () => {
    script = MIXED;
    const result = await answerQuestion({ question: `${QUESTION} Can too much vitamin D be harmful?` }, deps());
    expect(result.model).toBe('openai:scripted');
    expect(result.answer).not.toMatch(/osteoporosis|migraines|40%/);
    expect(result.answer).toMatch(/hypercalcemia \[\d\]\./);
    const withheld = result.grounding!.filter((g) => !g.supported);
    expect(withheld.map((g) => g.sentence)).toEqual([expect.stringContaining('osteoporosis'), expect.stringContaining('migraines'), expect.stringContaining('40%')]);
    expect(withheld.every((g) => g.shown === false)).toBe(true);
    expect(withheld[2].reason).toMatch(/40%/);
    expect(result.grounding!.filter((g) => g.supported).every((g) => g.shown)).toBe(true);
    expect(result.modelCheck).toMatchObject({ claims: 6, unsupported: 3, invalidMarkers: 1, replaced: false });
    // Markers are numbered by first citation among the sentences shown: 1, 2, 3 with no gap.
    expect([...new Set(result.answer.match(/\[\d\]/g))]).toEqual(['[1]', '[2]', '[3]']);
  });

  it('shows them marked in GROUNDING_MODE=flag, with tidy text where a marker was removed', async () => {
    script = MIXED;
    const result = await answerQuestion({ question: `${QUESTION} Can too much vitamin D be harmful?` }, deps({ GROUNDING_MODE: 'flag' }));
    expect(result.answer).toContain('Warfarin also cures osteoporosis within two weeks.');
    expect(result.answer).not.toMatch(/\s[.,;:!?]|\S {2,}\S/);
    expect(result.answer).toMatch(/migraines within 3 days \[1\]\./);
    const flagged = result.grounding!.filter((g) => !g.supported);
    expect(flagged).toHaveLength(3);
    expect(flagged.every((g) => g.shown === true)).toBe(true);
  });

  it('gives the offline answer with a notice when no sentence of the model is supported', async () => {
    script = (req) => {
      const n = sourceWith(req, 'Natto');
      return say([cite('Natto doubles bone density in 2 weeks', n), cite('Cheese prevents all heart attacks', n)].join(' '));
    };
    const result = await answerQuestion({ question: QUESTION }, deps());
    expect(result.model).toBe('extractive');
    expect(result.notice).toMatch(/2 of 2 statements/);
    expect(result.answer).not.toMatch(/bone density in 2|heart attacks/);
    expect(result.modelCheck).toMatchObject({ model: 'openai:scripted', claims: 2, unsupported: 2, replaced: true });
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

describe('streaming a model answer', () => {
  it('sends each checked sentence, with its source first, before the model has finished', async () => {
    script = (req) => ({ ...say(`${cite(NATTO, sourceWith(req, 'Natto'))} ${cite(MGP, sourceWith(req, 'Matrix Gla'))} ${cite('Natto is made from fermented soybeans', sourceWith(req, 'Natto'))}`, 1), delayMs: 15 });
    const events: { type: string; whileStreaming: boolean; text?: string }[] = [];
    for await (const e of answerStream({ question: QUESTION }, deps())) {
      events.push({ type: e.type, whileStreaming: standIn.streaming > 0, text: e.type === 'text' ? e.delta : e.type === 'source' ? e.source.passageId : undefined });
    }
    const texts = events.filter((e) => e.type === 'text');
    // The first sentence arrives while the stand-in is still writing the rest of the answer.
    expect(texts[0]).toMatchObject({ whileStreaming: true, text: `${NATTO} [1].` });
    expect(texts[1]).toMatchObject({ whileStreaming: true });
    // Order: start, source 1, sentence 1, source 2, sentence 2, sentence 3 (its source was already sent), finish.
    expect(events.map((e) => e.type)).toEqual(['start', 'source', 'text', 'source', 'text', 'text', 'finish']);
  });

  it('stops the model call when the visitor aborts mid-stream', async () => {
    script = (req) => ({ ...say(`${cite(NATTO, sourceWith(req, 'Natto'))} ${cite(MGP, sourceWith(req, 'Matrix Gla'))}`, 1), delayMs: 40 });
    const controller = new AbortController();
    const seen: string[] = [];
    const cancelledBefore = standIn.cancelled;
    await expect(
      (async () => {
        for await (const e of answerStream({ question: QUESTION }, { ...deps(), signal: controller.signal })) {
          seen.push(e.type);
          if (e.type === 'text') controller.abort(new Error('stopped by the visitor'));
        }
      })(),
    ).rejects.toThrow('stopped by the visitor');
    expect(seen).not.toContain('finish');
    // The model call is cancelled: the connection to the stand-in closes before its reply is complete.
    for (let i = 0; i < 40 && standIn.cancelled === cancelledBefore; i++) await new Promise((r) => setTimeout(r, 25));
    expect(standIn.cancelled).toBe(cancelledBefore + 1);
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
