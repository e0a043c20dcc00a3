import { getAnswerModel } from '../ai/model';
import { getEnv } from '../env';
import { newAnswerId, recordAnswer } from '../insights/record';
import { getIndex } from '../search/store';
import { getVectorSearch } from '../search/vector-store';
import { answerQuestion, answerStream, type AnswerDeps } from './answer';
import type { AnswerEvent, AnswerInput } from './types';

/**
 * Answer dependencies for the running app: the loaded index, passage vectors if configured, and the
 * model. The offline model's pause between chunks only makes streaming visible; whole-JSON answers skip it.
 */
export async function appDeps(signal?: AbortSignal, { streamed = true } = {}): Promise<AnswerDeps> {
  const env = getEnv();
  const index = await getIndex();
  const model = getAnswerModel(streamed ? env : { ...env, EXTRACTIVE_STREAM_DELAY_MS: 0 });
  return { index, vectors: await getVectorSearch(index), model, signal };
}

export interface AskContext {
  /** The chat's random per-conversation id (`id` of the chat request), kept with the logged answer. */
  conversationId?: string;
  /** False for `npm start`'s warm-up question: answered, not logged. */
  log?: boolean;
}

/** One whole answer with its `answerId`; logged for the insights after it is returned. */
export async function askQuestion(input: AnswerInput, signal?: AbortSignal, { conversationId, log = true }: AskContext = {}) {
  const result = { ...(await answerQuestion(input, await appDeps(signal, { streamed: false }))), answerId: newAnswerId() };
  if (log) recordAnswer({ answerId: result.answerId, input, result, conversationId });
  return result;
}

/** The answer's events; the finish event's result carries the `answerId`, logged after it has been sent on. */
export async function streamQuestion(input: AnswerInput, signal?: AbortSignal, context: AskContext = {}) {
  return withAnswerId(answerStream(input, await appDeps(signal)), input, context);
}

async function* withAnswerId(events: AsyncGenerator<AnswerEvent>, input: AnswerInput, { conversationId }: AskContext): AsyncGenerator<AnswerEvent> {
  const answerId = newAnswerId();
  for await (const event of events) {
    if (event.type !== 'finish') {
      yield event;
      continue;
    }
    const result = { ...event.result, answerId };
    // Written on a later turn of the event loop, after the consumer has sent this event on.
    recordAnswer({ answerId, input, result, conversationId });
    yield { ...event, result };
  }
}
