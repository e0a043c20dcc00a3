import { readUIMessageStream, type UIMessageChunk } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { applyChunk, readChunks, startState, type StreamState } from '@/app/components/ui-message-stream';
import type { ChatMessage } from '@/lib/answer/ui-message';

/**
 * The chat reads /api/chat with its own small client (app/components/ui-message-stream.ts) instead of
 * the AI SDK's useChat: it must build the very message the SDK's own reader builds from the same stream.
 */
beforeAll(() => {
  process.env.EXTRACTIVE_STREAM_DELAY_MS = '0';
  delete process.env.OPENAI_API_KEY;
});

const ask = (question: string) =>
  chat(
    new Request('http://t/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'c1', trigger: 'submit-message', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: question }] }] }),
    }),
  );

/** A body delivered in pieces of `size` bytes: lines, events and UTF-8 characters cut anywhere. */
function inPieces(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

async function allChunks(body: ReadableStream<Uint8Array>): Promise<UIMessageChunk[]> {
  const out: UIMessageChunk[] = [];
  for await (const batch of readChunks(body)) out.push(...batch);
  return out;
}

async function bySdk(chunks: UIMessageChunk[]): Promise<ChatMessage> {
  let last: ChatMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(c) {
      chunks.forEach((chunk) => c.enqueue(chunk));
      c.close();
    },
  });
  for await (const m of readUIMessageStream<ChatMessage>({ stream })) last = m;
  return last!;
}

const ours = (chunks: UIMessageChunk[], id = 'a1') => chunks.reduce<StreamState>((s, c) => applyChunk(s, c as never), startState(id)).message;

describe('the chat client reads /api/chat as the AI SDK does', () => {
  it('builds the same answer message — text with markers, source parts in marker order, merged metadata', async () => {
    const res = await ask('How does warfarin affect calcification? Is it “safe” — même à 5 µg?');
    const bytes = new Uint8Array(await res.arrayBuffer());
    const chunks = await allChunks(inPieces(bytes, bytes.length));
    // Cut into 7-byte pieces, the same chunks arrive.
    expect(await allChunks(inPieces(bytes, 7))).toEqual(chunks);

    const message = ours(chunks);
    const sdk = await bySdk(chunks);
    expect(message.parts).toEqual(sdk.parts);
    expect(message.metadata).toEqual(sdk.metadata);

    expect(message.metadata).toMatchObject({ status: 'answered', model: 'extractive' });
    expect(message.metadata?.answerId).toMatch(/^[0-9a-f-]{36}$/);
    const text = message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
    const markers = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
    const sources = message.parts.filter((p) => p.type === 'source-url');
    expect(markers).toEqual(sources.map((_, i) => i + 1));
    expect(sources.map((s) => s.url)).toEqual(message.metadata?.citations?.map((c) => c.url));
  });

  it('throws an error chunk\'s text, and replaces a data part that comes again with its id', () => {
    const start: UIMessageChunk[] = [{ type: 'start' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Half' }];
    expect(() => ours([...start, { type: 'error', errorText: 'Something went wrong while answering. Please try again.' }])).toThrow(
      'Something went wrong while answering. Please try again.',
    );
    const data = [
      { type: 'data-progress', id: 'p', data: { step: 1 } },
      { type: 'data-progress', id: 'p', data: { step: 2 } },
      { type: 'data-note', data: 'kept' },
      { type: 'data-note', data: 'transient', transient: true },
    ] as UIMessageChunk[];
    const message = ours([...start, ...data, { type: 'text-end', id: 't' }]);
    expect(message.parts).toEqual([
      { type: 'text', text: 'Half', state: 'done' },
      { type: 'data-progress', id: 'p', data: { step: 2 } },
      { type: 'data-note', data: 'kept' },
    ]);
  });
});
