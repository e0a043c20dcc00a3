import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModel } from 'ai';
import type { Env } from '../env';
import { createExtractiveModel } from './extractive-model';

export interface AnswerModel {
  model: LanguageModel;
  /** 'extractive' or 'openai:<model id>', reported as `model` in answers. */
  id: string;
  kind: 'extractive' | 'openai';
}

export function extractiveAnswerModel(env: Pick<Env, 'EXTRACTIVE_STREAM_DELAY_MS'>): AnswerModel {
  return { model: createExtractiveModel({ chunkDelayMs: env.EXTRACTIVE_STREAM_DELAY_MS }), id: 'extractive', kind: 'extractive' };
}

/**
 * The one place that decides which model answers: a configured OpenAI-compatible model when a key is
 * set (Chat Completions for custom base URLs unless OPENAI_API says otherwise), else the offline model.
 */
export function getAnswerModel(env: Env): AnswerModel {
  if (!env.OPENAI_API_KEY) return extractiveAnswerModel(env);
  const provider = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
  const api = env.OPENAI_API ?? (env.OPENAI_BASE_URL ? 'chat' : 'responses');
  const model = api === 'chat' ? provider.chat(env.OPENAI_MODEL) : provider.responses(env.OPENAI_MODEL);
  return { model, id: `openai:${env.OPENAI_MODEL}`, kind: 'openai' };
}
