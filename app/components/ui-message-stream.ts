import type { UIMessageChunk } from 'ai';
import type { AnswerMetadata, ChatMessage } from '@/lib/answer/ui-message';

/**
 * The AI SDK's UI message stream, read in the browser without the SDK's client (see use-chat-stream.ts):
 * server-sent events whose `data:` lines are UI message chunks, ended by `data: [DONE]`. Only types
 * are imported from `ai`, so none of its code (nor zod's) is sent to the browser.
 */

type Chunk = UIMessageChunk<AnswerMetadata>;
type Part = ChatMessage['parts'][number];

/** The chunks of a response body, a batch per network read (one render per batch, not per chunk). */
export async function* readChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Chunk[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const batch: Chunk[] = [];
  const dispatch = () => {
    const payload = data.join('\n');
    data = [];
    if (payload && payload !== '[DONE]') batch.push(JSON.parse(payload) as Chunk);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const lines = (buffer + decoder.decode(value, { stream: true })).split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') dispatch();
      else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    if (batch.length) yield batch.splice(0);
  }
  if (buffer.startsWith('data:')) data.push(buffer.slice(buffer.startsWith('data: ') ? 6 : 5));
  dispatch();
  if (batch.length) yield batch;
}

/** An assistant message being built from chunks, with the open text and reasoning parts by chunk id. */
export interface StreamState {
  message: ChatMessage;
  open: Record<string, number>;
}

export const startState = (id: string): StreamState => ({ message: { id, role: 'assistant', parts: [] }, open: {} });

const withParts = (state: StreamState, parts: Part[], open = state.open): StreamState => ({ message: { ...state.message, parts }, open });

const mergeMetadata = (state: StreamState, metadata: AnswerMetadata | undefined): StreamState =>
  metadata ? { ...state, message: { ...state.message, metadata: { ...state.message.metadata, ...metadata } } } : state;

/**
 * One chunk applied to the message, as the AI SDK's `useChat` applies it: text and reasoning grow part
 * by part, sources, files and data parts are added (a data part with a known id is replaced), metadata
 * from `start`, `message-metadata` and `finish` is merged. An `error` chunk throws its text. Tool
 * chunks are ignored: this chat has no tools.
 */
export function applyChunk(state: StreamState, chunk: Chunk): StreamState {
  const parts = state.message.parts;
  switch (chunk.type) {
    case 'start': {
      const next = chunk.messageId ? { ...state, message: { ...state.message, id: chunk.messageId } } : state;
      return mergeMetadata(next, chunk.messageMetadata);
    }
    case 'message-metadata':
    case 'finish':
      return mergeMetadata(state, chunk.messageMetadata);
    case 'text-start':
    case 'reasoning-start': {
      const type = chunk.type === 'text-start' ? 'text' : 'reasoning';
      const part = { type, text: '', state: 'streaming', ...(chunk.providerMetadata ? { providerMetadata: chunk.providerMetadata } : {}) } as Part;
      return withParts(state, [...parts, part], { ...state.open, [`${type}:${chunk.id}`]: parts.length });
    }
    case 'text-delta':
    case 'reasoning-delta':
    case 'text-end':
    case 'reasoning-end': {
      const [type, step] = chunk.type.split('-');
      const at = state.open[`${type}:${chunk.id}`];
      if (at === undefined) throw new Error(`Received ${chunk.type} for a ${type} part that was never started.`);
      const part = parts[at] as Extract<Part, { type: 'text' | 'reasoning' }>;
      const updated = step === 'delta' ? { ...part, text: part.text + (chunk as { delta: string }).delta } : { ...part, state: 'done' as const };
      return withParts(state, parts.map((p, i) => (i === at ? updated : p)));
    }
    case 'source-url':
    case 'source-document':
    case 'file': {
      const { providerMetadata, ...rest } = chunk as typeof chunk & { providerMetadata?: unknown };
      return withParts(state, [...parts, { ...rest, ...(providerMetadata ? { providerMetadata } : {}) } as Part]);
    }
    case 'start-step':
      return withParts(state, [...parts, { type: 'step-start' }]);
    case 'error':
      throw new Error(chunk.errorText);
    default: {
      if (!chunk.type.startsWith('data-')) return state;
      const data = chunk as { type: `data-${string}`; id?: string; data: unknown; transient?: boolean };
      if (data.transient) return state;
      const part = { type: data.type, ...(data.id !== undefined ? { id: data.id } : {}), data: data.data } as Part;
      const at = data.id === undefined ? -1 : parts.findIndex((p) => p.type === data.type && (p as { id?: string }).id === data.id);
      return withParts(state, at < 0 ? [...parts, part] : parts.map((p, i) => (i === at ? part : p)));
    }
  }
}
