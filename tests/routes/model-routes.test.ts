import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as ask } from '@/app/api/ask/route';
import { POST as chat } from '@/app/api/chat/route';
import { say, startOpenAIStandIn, type ModelRequest, type Script, type StandIn } from '../support/openai-stand-in';
import { groundedSentences, joinCited } from '../support/scripted-model';

let standIn: StandIn;
let script: (req: ModelRequest) => Script = (req) => say(joinCited(groundedSentences(req)));
const saved = { ...process.env };

beforeAll(async () => {
  standIn = await startOpenAIStandIn({ apiKey: 'route-key', reply: (req) => script(req) });
  Object.assign(process.env, { OPENAI_API_KEY: 'route-key', OPENAI_BASE_URL: standIn.url, OPENAI_MODEL: 'scripted', EXTRACTIVE_STREAM_DELAY_MS: '0', OPENAI_TIMEOUT_MS: '1500', RATE_LIMIT_PER_MINUTE: '0' });
  delete process.env.OPENAI_EMBEDDING_MODEL;
});
afterAll(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await standIn.close();
});

const post = (url: string, body: unknown) => new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const chatBody = (text: string) => ({ id: 'c', trigger: 'submit-message', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }] });

async function chunksOf(res: Response) {
  return (await res.text())
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
}

describe('POST /api/ask with a configured model', () => {
  it('returns the checked model answer with grounding and the model that answered', async () => {
    script = (req) => say(joinCited(groundedSentences(req)));
    const body = await (await ask(post('http://t/api/ask', { question: 'Which foods are rich in vitamin K2?' }))).json();
    expect(body.model).toBe('openai:scripted');
    expect(body.notice).toBeUndefined();
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.grounding.length).toBeGreaterThan(0);
    expect(body.grounding.every((g: { supported: boolean }) => g.supported)).toBe(true);
    for (const c of body.citations) expect(body.answer).toContain(`[${c.n}]`);
    expect(body.timings.groundingMs).toBeGreaterThanOrEqual(0);
  });

  it('answers offline with a notice when the model hangs past OPENAI_TIMEOUT_MS', async () => {
    script = () => ({ kind: 'hang' });
    process.env.OPENAI_TIMEOUT_MS = '300';
    try {
      const res = await ask(post('http://t/api/ask', { question: 'Which foods are rich in vitamin K2?' }));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({ status: 'answered', model: 'extractive' });
      expect(body.notice).toMatch(/did not answer within 0\.3 s/);
    } finally {
      process.env.OPENAI_TIMEOUT_MS = '1500';
    }
  });
});

describe('POST /api/chat with a configured model', () => {
  it('streams checked sentences, each source part before the text that first cites it, one per citation', async () => {
    script = (req) => say(joinCited(groundedSentences(req)));
    const chunks = await chunksOf(await chat(post('http://t/api/chat', chatBody('How does warfarin affect calcification?'))));
    const text = chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta).join('');
    const finish = chunks.find((c) => c.type === 'finish');
    expect(finish.messageMetadata.model).toBe('openai:scripted');
    expect(text).toContain(groundedSentences(standIn.requests.at(-1)!)[0].text.slice(0, 40));
    const citations: { passageId: string; docId: string; n: number }[] = finish.messageMetadata.citations;
    const sources = chunks.filter((c) => c.type === 'source-url');
    expect(sources.map((s) => s.sourceId)).toEqual(citations.map((c) => c.passageId));
    for (const c of citations) {
      const source = chunks.findIndex((x) => x.type === 'source-url' && x.sourceId === c.passageId);
      const firstText = chunks.findIndex((x) => x.type === 'text-delta' && x.delta.includes(`[${c.n}]`));
      expect(source).toBeLessThan(firstText);
      expect(sources.find((s) => s.sourceId === c.passageId).url).toBe(`/sources/${c.docId}?passage=${c.passageId}#${c.passageId}`);
    }
  });

  it('never shows an unfinished sentence: after a stream cut before one is complete only the offline answer is streamed, with a notice', async () => {
    script = () => ({ kind: 'cut', chunks: ['Warfarin is a PARTIAL-MODEL-TEXT ', 'that stops'] });
    const chunks = await chunksOf(await chat(post('http://t/api/chat', chatBody('How does warfarin affect calcification?'))));
    const text = chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta).join('');
    const finish = chunks.find((c) => c.type === 'finish');
    expect(text).not.toContain('PARTIAL-MODEL-TEXT');
    expect(finish.messageMetadata.model).toBe('extractive');
    expect(finish.messageMetadata.notice).toMatch(/broke off/);
    expect(finish.messageMetadata.citations.length).toBeGreaterThan(0);
    for (const c of finish.messageMetadata.citations) expect(text).toContain(`[${c.n}]`);
    expect(chunks.filter((c) => c.type === 'source-url')).toHaveLength(finish.messageMetadata.citations.length);
  });
});
