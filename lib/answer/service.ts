import { getAnswerModel } from '../ai/model';
import { getEnv } from '../env';
import { getIndex } from '../search/store';
import { answerQuestion, answerStream } from './answer';
import type { AnswerInput } from './types';

/** Answer dependencies for the running app: the loaded index and the configured model. */
export async function appDeps(signal?: AbortSignal) {
  return { index: await getIndex(), model: getAnswerModel(getEnv()), signal };
}

export async function askQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerQuestion(input, await appDeps(signal));
}

export async function streamQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerStream(input, await appDeps(signal));
}
