import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the stand-in model is asked: the system prompt and the turns, as sent over the wire. */
export interface ModelRequest {
  api: 'chat' | 'responses';
  model: string;
  stream: boolean;
  system: string;
  messages: { role: string; content: string }[];
  /** The last user message. */
  question: string;
  maxTokens?: number;
}

/** How the scripted model replies to one request. */
export type Script =
  | { kind: 'text'; chunks: string[]; finish?: 'stop' | 'length'; delayMs?: number }
  | { kind: 'error'; status: number; message?: string }
  | { kind: 'hang' }
  | { kind: 'cut'; chunks: string[] };

export interface StandInOptions {
  reply?: (req: ModelRequest) => Script | Promise<Script>;
  /** Vector for one embedding input. */
  embed?: (input: string) => number[];
  /** When set, any other bearer token gets a 401, as OpenAI answers a bad key. */
  apiKey?: string;
}

export interface StandIn {
  /** Base URL for OPENAI_BASE_URL, ending in /v1. */
  url: string;
  requests: ModelRequest[];
  embeddingInputs: string[][];
  /** Streamed replies still being written (a test can tell whether the model has finished). */
  readonly streaming: number;
  /** Streamed replies whose client hung up before the reply was complete. */
  readonly cancelled: number;
  close(): Promise<void>;
}

/** A scripted text reply streamed a few words at a time. */
export function say(text: string, wordsPerChunk = 3): Script {
  const words = text.match(/\S+\s*/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) chunks.push(words.slice(i, i + wordsPerChunk).join(''));
  return { kind: 'text', chunks };
}

/** The numbered sources of the app's system prompt: `<source n="1" …>text</source>`. */
export function sourcesIn(system: string): { n: number; text: string }[] {
  return [...system.matchAll(/<source n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)].map((m) => ({ n: Number(m[1]), text: m[2] }));
}

const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p: { text?: string }) => p?.text ?? '').join('')
      : '';

function parseRequest(api: 'chat' | 'responses', body: Record<string, unknown>): ModelRequest {
  const raw = (api === 'chat' ? body.messages : body.input) as { role: string; content: unknown }[] | string;
  const turns = typeof raw === 'string' ? [{ role: 'user', content: raw }] : (raw ?? []).map((m) => ({ role: m.role, content: textOf(m.content) }));
  const system = [typeof body.instructions === 'string' ? body.instructions : '', ...turns.filter((t) => t.role === 'system' || t.role === 'developer').map((t) => t.content)].join('\n');
  const messages = turns.filter((t) => t.role === 'user' || t.role === 'assistant');
  return {
    api,
    model: String(body.model),
    stream: body.stream === true,
    system,
    messages,
    question: [...messages].reverse().find((m) => m.role === 'user')?.content ?? '',
    maxTokens: (body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens) as number | undefined,
  };
}

const sse = (res: ServerResponse, data: unknown, event?: string) => res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function streamChat(res: ServerResponse, req: ModelRequest, chunks: string[], finish: string | null, delayMs: number) {
  const base = { id: 'chatcmpl-standin', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: req.model };
  sse(res, { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (const c of chunks) {
    if (delayMs) await sleep(delayMs);
    sse(res, { ...base, choices: [{ index: 0, delta: { content: c }, finish_reason: null }] });
  }
  if (finish === null) return;
  sse(res, { ...base, choices: [{ index: 0, delta: {}, finish_reason: finish }], usage: { prompt_tokens: 100, completion_tokens: chunks.length, total_tokens: 100 + chunks.length } });
  sse(res, '[DONE]');
}

async function streamResponses(res: ServerResponse, req: ModelRequest, chunks: string[], finish: string | null, delayMs: number) {
  const created = Math.floor(Date.now() / 1000);
  sse(res, { type: 'response.created', response: { id: 'resp_standin', created_at: created, model: req.model } }, 'response.created');
  sse(res, { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_standin' } }, 'response.output_item.added');
  for (const c of chunks) {
    if (delayMs) await sleep(delayMs);
    sse(res, { type: 'response.output_text.delta', item_id: 'msg_standin', output_index: 0, delta: c }, 'response.output_text.delta');
  }
  if (finish === null) return;
  sse(res, { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_standin' } }, 'response.output_item.done');
  const incomplete = finish === 'length' ? { reason: 'max_output_tokens' } : null;
  sse(res, { type: incomplete ? 'response.incomplete' : 'response.completed', response: { incomplete_details: incomplete, usage: { input_tokens: 100, output_tokens: chunks.length } } }, 'response.completed');
}

function whole(res: ServerResponse, req: ModelRequest, text: string) {
  if (req.api === 'chat') {
    return res.end(JSON.stringify({ id: 'chatcmpl-standin', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: req.model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 } }));
  }
  res.end(JSON.stringify({ id: 'resp_standin', created_at: Math.floor(Date.now() / 1000), model: req.model, output: [{ type: 'message', role: 'assistant', id: 'msg_standin', content: [{ type: 'output_text', text, annotations: [] }] }], incomplete_details: null, usage: { input_tokens: 100, output_tokens: 10 } }));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  return raw ? JSON.parse(raw) : {};
}

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI wire formats the app uses — Chat Completions
 * and Responses (streaming and whole), and /v1/embeddings — answering with a scripted model.
 */
export async function startOpenAIStandIn(opts: StandInOptions = {}): Promise<StandIn> {
  const requests: ModelRequest[] = [];
  const embeddingInputs: string[][] = [];
  const sockets = new Set<Socket>();
  let streaming = 0;
  let cancelled = 0;
  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const auth = req.headers.authorization ?? '';
      if (opts.apiKey && auth !== `Bearer ${opts.apiKey}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } }));
      }
      if (req.url === '/v1/embeddings') {
        const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
        embeddingInputs.push(input);
        const embed = opts.embed ?? (() => [1, 0, 0]);
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ object: 'list', model: body.model, data: input.map((s, index) => ({ object: 'embedding', index, embedding: embed(s) })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
      }
      const api = req.url === '/v1/chat/completions' ? 'chat' : req.url === '/v1/responses' ? 'responses' : null;
      if (!api) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: `Unknown path ${req.url}`, type: 'invalid_request_error', code: null, param: null } }));
      }
      const parsed = parseRequest(api, body);
      requests.push(parsed);
      const script = await (opts.reply ?? (() => say('The sources say nothing.')))(parsed);
      if (script.kind === 'hang') return; // never answer; the client must give up on its own
      if (script.kind === 'error') {
        res.writeHead(script.status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: script.message ?? `Scripted error ${script.status}`, type: 'server_error', param: null, code: null } }));
      }
      if (!parsed.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return whole(res, parsed, script.chunks.join(''));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      const send = api === 'chat' ? streamChat : streamResponses;
      if (script.kind === 'cut') {
        await send(res, parsed, script.chunks, null, 5);
        await sleep(20);
        return res.socket?.destroy(); // the connection drops mid-answer
      }
      streaming++;
      let done = false;
      res.on('close', () => {
        if (!done) cancelled++;
      });
      try {
        await send(res, parsed, script.chunks, script.finish ?? 'stop', script.delayMs ?? 0);
      } finally {
        streaming--;
      }
      done = true;
      res.end();
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: null } }));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    embeddingInputs,
    get streaming() {
      return streaming;
    },
    get cancelled() {
      return cancelled;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
