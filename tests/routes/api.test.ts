import { beforeAll, describe, expect, it } from 'vitest';
import { POST as ask } from '@/app/api/ask/route';
import { POST as chat } from '@/app/api/chat/route';
import { GET as search } from '@/app/api/search/route';

beforeAll(() => {
  process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
  delete process.env.OPENAI_API_KEY;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** Reads a UI message stream response into its chunks. */
async function chunksOf(res: Response) {
  const text = await res.text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
}

describe('POST /api/ask', () => {
  it('answers with cited passages, quotes, a disclaimer and timings', async () => {
    const res = await ask(post('http://t/api/ask', { question: 'What are good food sources of vitamin K2?' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('answered');
    expect(body.model).toBe('extractive');
    expect(body.answer.toLowerCase()).toContain('natto');
    expect(body.citations.length).toBeGreaterThan(0);
    for (const c of body.citations) {
      expect(body.answer).toContain(`[${c.n}]`);
      expect(c.passage).toContain(c.quote.split(' … ')[0]);
      // Absolute, and the same link as the chat's markers: passage and supporting sentences.
      expect(c.url).toBe(`http://t/sources/${c.docId}?passage=${c.passageId}&quote=${c.quoteSpans.map((q: { start: number; end: number }) => `${q.start}-${q.end}`).join(',')}#${c.passageId}`);
    }
    expect(body.disclaimer.length).toBeGreaterThan(20);
    expect(body.timings.totalMs).toBeGreaterThanOrEqual(body.timings.retrievalMs);
  });

  it('builds the absolute citation links from the Host header, not from request.url (regression: `next start` gives http://localhost:3000)', async () => {
    const question = { question: 'What are good food sources of vitamin K2?' };
    const urls = async (headers: Record<string, string>) => ((await (await ask(post('http://localhost:3000/api/ask', question, headers))).json()).citations as { url: string }[]).map((c) => c.url);

    const byHost = await urls({ host: 'assistant.example.org' });
    expect(byHost.length).toBeGreaterThan(0);
    for (const url of byHost) expect(url).toMatch(/^http:\/\/assistant\.example\.org\/sources\//);
    // Behind a proxy: its X-Forwarded-Proto and X-Forwarded-Host (the first of a list) win.
    const proxied = await urls({ host: 'app:3000', 'x-forwarded-host': 'k2.example, inner.example', 'x-forwarded-proto': 'https,http' });
    for (const url of proxied) expect(url).toMatch(/^https:\/\/k2\.example\/sources\//);
    // A host that is not hostname[:port] never reaches a link.
    for (const url of await urls({ host: 'evil.example/x?', 'x-forwarded-host': 'a b' })) expect(url).toMatch(/^http:\/\/localhost:3000\/sources\//);
  });

  it('declines out-of-scope questions without citations', async () => {
    const body = await (await ask(post('http://t/api/ask', { question: 'Who won the football world cup in 1998?' }))).json();
    expect(body.status).toBe('not-covered');
    expect(body.citations).toEqual([]);
    expect(body.disclaimer).toBeTruthy();
  });

  it('routes emergencies before retrieval', async () => {
    const body = await (await ask(post('http://t/api/ask', { question: "My husband collapsed and he's not breathing" }))).json();
    expect(body.status).toBe('emergency');
    expect(body.answer).toMatch(/911|112/);
    expect(body.citations).toEqual([]);
  });

  it('uses the history for a follow-up', async () => {
    const body = await (
      await ask(post('http://t/api/ask', { question: 'Which foods contain it?', history: [{ role: 'user', text: 'Tell me about magnesium' }] }))
    ).json();
    expect(body.status).toBe('answered');
    expect(body.answer.toLowerCase()).toMatch(/nuts|seeds|almond|leafy/);
  });

  it.each([
    ['not JSON', '{"question": ', 400, 'bad_request'],
    ['an empty question', { question: '   ' }, 422, 'invalid_input'],
    ['a question that is too long', { question: 'a'.repeat(2001) }, 422, 'invalid_input'],
    ['an unknown role', { question: 'hi', history: [{ role: 'system', text: 'x' }] }, 422, 'invalid_input'],
    ['too many turns', { question: 'hi', history: Array.from({ length: 41 }, () => ({ role: 'user', text: 'x' })) }, 422, 'invalid_input'],
    ['a body over 64 KB', { question: 'hi', history: [{ role: 'user', text: 'x'.repeat(70_000) }] }, 413, 'payload_too_large'],
  ])('answers %s with a clear 4xx', async (_name, body, status, code) => {
    const res = await ask(post('http://t/api/ask', body));
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(10);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const res = await ask(new Request('http://t/api/ask', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'question=hi' }));
    expect(res.status).toBe(415);
  });
});

describe('POST /api/chat', () => {
  const message = (id: string, role: string, text: string) => ({ id, role, parts: [{ type: 'text', text }] });

  it('streams start metadata, text, one source part per cited passage in marker order, and finish metadata', async () => {
    const res = await chat(post('http://t/api/chat', { id: 'c1', trigger: 'submit-message', messages: [message('m1', 'user', 'How does warfarin affect calcification?')] }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const chunks = await chunksOf(res);
    expect(chunks[0].type).toBe('start');
    expect(chunks[0].messageMetadata).toMatchObject({ status: 'answered', model: 'extractive' });
    expect(chunks[0].messageMetadata.disclaimer).toBeTruthy();
    const text = chunks.filter((c) => c.type === 'text-delta').map((c) => c.delta).join('');
    expect(chunks.filter((c) => c.type === 'text-delta').length).toBeGreaterThan(3);
    const sources = chunks.filter((c) => c.type === 'source-url');
    const finish = chunks.find((c) => c.type === 'finish');
    expect(sources.length).toBe(finish.messageMetadata.citations.length);
    const markerOrder = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
    expect(markerOrder).toEqual(sources.map((_, i) => i + 1));
    sources.forEach((s, i) => expect(s.url).toBe(finish.messageMetadata.citations[i].url));
  });

  it('answers 422 when the last message is not from the user', async () => {
    const res = await chat(post('http://t/api/chat', { messages: [message('m1', 'assistant', 'hello')] }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/last message/);
  });
});

describe('GET /api/search', () => {
  it('returns passages best first with viewer links, capping k at 50', async () => {
    const res = await search(new Request('http://t/api/search?q=magnesium%20foods&k=500'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(50);
    const scores = body.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(body.results[0].url).toMatch(/^\/sources\/[a-z0-9-]+#/);
    expect(typeof body.tookMs).toBe('number');
  });

  it.each([['?k=3'], ['?q=&k=3'], ['?q=calcium&k=abc'], ['?q=calcium&k=0']])('answers %s with 422', async (qs) => {
    const res = await search(new Request(`http://t/api/search${qs}`));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('invalid_input');
  });
});
