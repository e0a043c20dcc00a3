import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { composeExtractive, type ExtractiveRequest } from '../answer/compose-extractive';

export const EXTRACTIVE_PROVIDER = 'extractive';

export interface ExtractiveModelOptions {
  /** Pause between streamed chunks, so answers visibly stream (0 = none). */
  chunkDelayMs?: number;
  /** Words per streamed chunk. */
  wordsPerChunk?: number;
}

function usage(outputWords: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputWords, text: outputWords, reasoning: 0 },
  };
}

/** The request travels as data in `providerOptions.extractive`, never parsed out of prompt text. */
function readRequest(options: LanguageModelV4CallOptions): ExtractiveRequest {
  const req = options.providerOptions?.[EXTRACTIVE_PROVIDER] as unknown as ExtractiveRequest | undefined;
  if (!req || !Array.isArray(req.sources) || typeof req.weights !== 'object') {
    throw new Error('The extractive model needs providerOptions.extractive = { weights, sources }.');
  }
  return req.question === undefined ? { ...req, question: lastUserText(options) } : req;
}

/** The user's latest message as plain text: only its kind is read ("how …?", "should I …?"), never instructions. */
function lastUserText(options: LanguageModelV4CallOptions): string | undefined {
  const last = [...options.prompt].reverse().find((m) => m.role === 'user');
  if (!last) return undefined;
  return last.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ').trim() || undefined;
}

function chunks(text: string, wordsPerChunk: number): string[] {
  const words = text.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerChunk) out.push(words.slice(i, i + wordsPerChunk).join(''));
  return out;
}

/** Waits, or rejects as soon as `signal` aborts; the listener is removed either way (no leak per chunk). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * An in-process language model that answers from the passages' own sentences (see
 * `composeExtractive`). It needs no network and no weights, and plugs into `streamText` like any model.
 */
export function createExtractiveModel(opts: ExtractiveModelOptions = {}): LanguageModelV4 {
  const delay = opts.chunkDelayMs ?? 0;
  const perChunk = opts.wordsPerChunk ?? 3;
  return {
    specificationVersion: 'v4',
    provider: EXTRACTIVE_PROVIDER,
    modelId: 'extractive',
    supportedUrls: {},
    async doGenerate(options): Promise<LanguageModelV4GenerateResult> {
      const text = composeExtractive(readRequest(options));
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: usage(text.split(/\s+/).length),
        warnings: [],
      };
    },
    async doStream(options) {
      const text = composeExtractive(readRequest(options));
      const signal = options.abortSignal;
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          try {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            controller.enqueue({ type: 'text-start', id: 'answer' });
            const parts = chunks(text, perChunk);
            for (let i = 0; i < parts.length; i++) {
              if (i > 0 && delay > 0) await sleep(delay, signal);
              controller.enqueue({ type: 'text-delta', id: 'answer', delta: parts[i] });
            }
            controller.enqueue({ type: 'text-end', id: 'answer' });
            controller.enqueue({
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: usage(text.split(/\s+/).length),
            });
            controller.close();
          } catch (error) {
            controller.error(error);
          }
        },
      });
      return { stream };
    },
  };
}
