import { getAnswerModel } from '../ai/model';
import { getEnv } from '../env';
import { getIndex } from '../search/store';
import { getVectorSearch } from '../search/vector-store';
import { answerQuestion, answerStream, type AnswerDeps } from './answer';
import type { AnswerInput } from './types';

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

export async function askQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerQuestion(input, await appDeps(signal, { streamed: false }));
}

export async function streamQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerStream(input, await appDeps(signal));
}
