import { streamText, type LanguageModel, type ModelMessage } from 'ai';
import { classifyFault, ModelFault } from '../ai/faults';
import { CitationRenumberer } from './citations';

export interface GenerationRequest {
  model: LanguageModel;
  system: string;
  messages: ModelMessage[];
  /** Sources offered, numbered 1..sourceCount in the prompt. */
  sourceCount: number;
  providerOptions?: Record<string, Record<string, never>>;
  signal?: AbortSignal;
  /** Total time allowed; past it the generation fails with a 'timeout' fault. */
  timeoutMs?: number;
  /** False: pass the model's markers on as written (a `SentenceGate` renumbers what it shows). */
  renumber?: boolean;
}

export interface GenerationEnd {
  /** Prompt source numbers in order of first citation (answer number = index + 1). */
  cited: number[];
  /** Markers that pointed at no given source and were removed. */
  invalidMarkers: number;
}

/**
 * Streams a model's answer text with citation markers renumbered by first citation and markers to
 * no given source removed. Ends normally only when the model finished its answer (`stop`); a provider
 * error, a timeout or a stream that ends early throws a `ModelFault`. A cancelled request rethrows
 * the caller's abort reason.
 */
export async function* generateAnswerText(req: GenerationRequest): AsyncGenerator<string, GenerationEnd> {
  const timeout = new AbortController();
  const timer = req.timeoutMs ? setTimeout(() => timeout.abort(new ModelFault('timeout')), req.timeoutMs) : undefined;
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  const failed = (error: unknown): never => {
    req.signal?.throwIfAborted();
    if (timeout.signal.aborted) throw timeout.signal.reason;
    throw classifyFault(error);
  };
  try {
    const result = streamText({
      model: req.model,
      system: req.system,
      messages: req.messages,
      maxRetries: 0,
      abortSignal: signal,
      providerOptions: req.providerOptions,
      onError: () => {}, // faults surface as 'error' parts below; the caller logs one line
    });
    const renumber = req.renumber === false ? null : new CitationRenumberer(req.sourceCount);
    let finished = false;
    try {
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') {
          const out = renumber ? renumber.push(part.text) : part.text;
          if (out) yield out;
        } else if (part.type === 'error') {
          failed(part.error);
        } else if (part.type === 'abort') {
          failed(new ModelFault('interrupted', 'aborted'));
        } else if (part.type === 'finish') {
          if (part.finishReason !== 'stop') throw new ModelFault('interrupted', `finish reason ${part.finishReason}`);
          finished = true;
        }
      }
    } catch (error) {
      failed(error);
    }
    if (!finished) failed(new ModelFault('interrupted', 'the stream ended without finishing'));
    const tail = renumber?.flush();
    if (tail) yield tail;
    return { cited: renumber?.cited() ?? [], invalidMarkers: renumber?.invalid ?? 0 };
  } finally {
    clearTimeout(timer);
  }
}
