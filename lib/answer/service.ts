import { getAnswerModel } from '../ai/model';
import { getEnv } from '../env';
import { getIndex } from '../search/store';
import { getVectorSearch } from '../search/vector-store';
import { answerQuestion, answerStream, type AnswerDeps } from './answer';
import type { AnswerInput } from './types';

/** Answer dependencies for the running app: the loaded index, passage vectors if configured, and the model. */
export async function appDeps(signal?: AbortSignal): Promise<AnswerDeps> {
  const index = await getIndex();
  return { index, vectors: await getVectorSearch(index), model: getAnswerModel(getEnv()), signal };
}

export async function askQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerQuestion(input, await appDeps(signal));
}

export async function streamQuestion(input: AnswerInput, signal?: AbortSignal) {
  return answerStream(input, await appDeps(signal));
}
