import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createExtractiveModel } from '@/lib/ai/extractive-model';
import { POST as ask } from '@/app/api/ask/route';
import { POST as chat } from '@/app/api/chat/route';

const QUESTION = 'How does warfarin affect calcification?';

const chatRequest = (signal?: AbortSignal) =>
  new Request('http://t/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: QUESTION }] }] }),
    signal,
  });

/** Reads a UI message stream chunk by chunk, calling `onChunk` for each parsed chunk. */
async function readChunks(res: Response, onChunk: (chunk: { type: string }) => void) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('data: ') && line !== 'data: [DONE]') onChunk(JSON.parse(line.slice(6)));
  }
}

let fullDeltas = 0;

beforeAll(async () => {
  delete process.env.OPENAI_API_KEY;
  process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
  const res = await chat(chatRequest());
  await readChunks(res, (c) => c.type === 'text-delta' && fullDeltas++);
});
afterAll(() => {
  process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
});

describe('a client that goes away mid-answer stops the work on the server', () => {
  it('stops generating /api/chat text as soon as the request is aborted', async () => {
    expect(fullDeltas).toBeGreaterThan(10); // the whole answer, streamed without delay
    process.env.EXTRACTIVE_STREAM_DELAY_MS = '80';
    const controller = new AbortController();
    const res = await chat(chatRequest(controller.signal));
    expect(res.status).toBe(200);
    let deltas = 0;
    let afterAbort = 0;
    const types: string[] = [];
    await readChunks(res, (chunk) => {
      types.push(chunk.type);
      if (chunk.type !== 'text-delta') return;
      deltas++;
      if (controller.signal.aborted) afterAbort++;
      if (deltas === 2) controller.abort();
    });
    // The stream ended on its own right after the abort instead of running through the whole answer.
    expect(afterAbort).toBeLessThanOrEqual(1);
    expect(deltas).toBeLessThan(fullDeltas);
    expect(types).not.toContain('finish');
    expect(types).not.toContain('source-url');
  });

  it('answers an aborted /api/ask with "cancelled", without logging it as a server error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // /api/ask answers offline in milliseconds; a client gone by the time it runs is the case to see.
      const controller = new AbortController();
      controller.abort();
      const res = await ask(
        new Request('http://t/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }), signal: controller.signal }),
      );
      expect(res.status).toBe(499);
      expect((await res.json()).error.code).toBe('cancelled');
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('does not start retrieval for a request that is already aborted', async () => {
    process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
    const controller = new AbortController();
    controller.abort();
    const res = await ask(new Request('http://t/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) }));
    // Sanity: the same question answers normally when not aborted.
    expect(res.status).toBe(200);
    const { answerStream } = await import('@/lib/answer/answer');
    const { appDeps } = await import('@/lib/answer/service');
    const events = answerStream({ question: QUESTION }, await appDeps(controller.signal));
    await expect(events.next()).rejects.toThrow(/abort/i);
  });

  it('leaves no abort listener behind per streamed chunk (regression: one leaked per chunk)', async () => {
    const signal = new AbortController().signal;
    const model = createExtractiveModel({ chunkDelayMs: 1, wordsPerChunk: 1 });
    const sources = [{ n: 1, passageId: 'p', docId: 'd', title: 'T', section: 'S', text: 'Vitamin K2 activates matrix Gla protein, which keeps calcium out of the arteries and in the bones.' }];
    const { stream } = await model.doStream({ prompt: [], abortSignal: signal, providerOptions: { extractive: { weights: { vitamin: 1, k2: 2 }, sources } as never } });
    let deltas = 0;
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) if (r.value.type === 'text-delta') deltas++;
    expect(deltas).toBeGreaterThan(5);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
