import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../support/redis';
import { startApp, type RunningApp } from '../support/server';

const QUESTION = 'How does warfarin affect calcification?';
const MAX_CHUNKS = 300;
const until = async (condition: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
};

const askJson = (url: string, signal?: AbortSignal) =>
  fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }), signal });

describe('several instances share one rate limit through Redis', () => {
  let redis: RunningRedis;
  const apps: RunningApp[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '3' };
    apps.push(await startApp(env), await startApp(env));
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await redis?.stop();
  });

  it('counts requests to either instance against the same per-minute limit', async () => {
    const [a, b] = apps;
    expect((await askJson(a.url)).status).toBe(200);
    expect((await askJson(b.url)).status).toBe(200);
    expect((await askJson(a.url)).status).toBe(200);
    for (const app of [b, a]) {
      const res = await askJson(app.url);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await res.json()).error.code).toBe('rate_limited');
    }
    // Search is not an answer endpoint: not limited.
    expect((await fetch(`${b.url}/api/search?q=vitamin`)).status).toBe(200);
  });
});

/**
 * An OpenAI-compatible stand-in that streams a long answer slowly and records whether the app hung
 * up on it before the end: the only way to know that the server stopped generating.
 */
function slowModelServer() {
  const state = { requests: 0, sent: 0, closedEarly: false };
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return void res.writeHead(404).end();
    state.requests++;
    let finished = false;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const chunk = (delta: object, extra: object = {}) =>
      res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'stand-in', choices: [{ index: 0, delta, ...extra }] })}\n\n`);
    chunk({ role: 'assistant', content: '' });
    const timer = setInterval(() => {
      if (state.sent >= MAX_CHUNKS) {
        clearInterval(timer);
        chunk({}, { finish_reason: 'stop' });
        res.end('data: [DONE]\n\n');
        finished = true;
        return;
      }
      state.sent++;
      chunk({ content: 'Warfarin blocks vitamin K recycling [1]. ' });
    }, 50);
    res.on('close', () => {
      clearInterval(timer);
      if (!finished) state.closedEarly = true;
    });
  });
  return { server, state };
}

describe('a client that disconnects mid-answer stops the model call on the server', () => {
  let app: RunningApp;
  const model = slowModelServer();
  beforeAll(async () => {
    await new Promise<void>((r) => model.server.listen(0, '127.0.0.1', r));
    const { port } = model.server.address() as { port: number };
    app = await startApp({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      OPENAI_MODEL: 'stand-in',
      OPENAI_API: 'chat',
      OPENAI_TIMEOUT_MS: '60000',
      RATE_LIMIT_PER_MINUTE: '0',
    });
  });
  afterAll(async () => {
    await app?.stop();
    model.server.closeAllConnections();
    await new Promise((r) => model.server.close(r));
  });

  it('/api/chat: closing the stream mid-answer hangs up on the model', async () => {
    Object.assign(model.state, { requests: 0, sent: 0, closedEarly: false });
    const controller = new AbortController();
    const res = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: QUESTION }] }] }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    // Model answers are checked before any of their text is sent, so the stream shows only its start
    // while the model is still writing: close it once the model is part-way through.
    while (!seen.includes('"type":"start"')) seen += (await reader.read()).value ?? '';
    await until(() => model.state.sent >= 5, 10_000);
    controller.abort();
    await until(() => model.state.closedEarly, 10_000);
    expect(model.state.requests).toBe(1);
    expect(model.state.closedEarly).toBe(true);
    expect(model.state.sent).toBeLessThan(MAX_CHUNKS / 2);
  });

  it('/api/ask: a client that gives up waiting hangs up on the model', async () => {
    Object.assign(model.state, { requests: 0, sent: 0, closedEarly: false });
    const controller = new AbortController();
    const pending = askJson(app.url, controller.signal).catch((e: Error) => e);
    await until(() => model.state.sent >= 5, 10_000);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    await until(() => model.state.closedEarly, 10_000);
    expect(model.state.closedEarly).toBe(true);
    expect(model.state.sent).toBeLessThan(MAX_CHUNKS / 2);
  });
});
