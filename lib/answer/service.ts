import { getAnswerModel } from '../ai/model';
import { getEnv } from '../env';
import { getIndex } from '../search/store';
import { answerQuestion, answerStream } from './answer';
import type { AnswerInput } from './types';

/** Answer dependencies for the running app: the loaded index and the configured model. */
export async function appDeps(signal?: AbortSignal, { streamed = true } = {}) {
  const env = getEnv();
  // The offline model's pause between chunks only makes streaming visible; a whole-JSON answer skips it.
  return { index: await getIndex(), model: getAnswerModel(streamed ? env : { ...env, EXTRACTIVE_STREAM_DELAY_MS: 0 }), signal };
}

export async function askQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerQuestion(input, await appDeps(signal, { streamed: false }));
}

export async function streamQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerStream(input, await appDeps(signal));
}
