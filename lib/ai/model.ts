import { createOpenAI } from '@ai-sdk/openai';
import type { EmbeddingModel, LanguageModel } from 'ai';
import type { Env } from '../env';
import { createExtractiveModel } from './extractive-model';

export interface AnswerModel {
  model: LanguageModel;
  /** 'extractive' or 'openai:<model id>', reported as `model` in answers. */
  id: string;
  kind: 'extractive' | 'openai';
  /** Total time a model answer may take before the offline model answers instead. */
  timeoutMs?: number;
  /** Time allowed for condensing a follow-up into a standalone query. */
  condenseTimeoutMs?: number;
  /** The offline model, used when the configured one fails or is not supported by its sources. */
  fallback?: AnswerModel;
  /** What happens to a model sentence its sources do not support: withheld (strict) or shown marked (flag). */
  groundingMode?: 'strict' | 'flag';
}

export function extractiveAnswerModel(env: Pick<Env, 'EXTRACTIVE_STREAM_DELAY_MS'>): AnswerModel {
  return { model: createExtractiveModel({ chunkDelayMs: env.EXTRACTIVE_STREAM_DELAY_MS }), id: 'extractive', kind: 'extractive' };
}

function provider(env: Env) {
  return createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
}

/** Chat Completions for custom base URLs (what Ollama, vLLM and llama.cpp speak) unless OPENAI_API says otherwise. */
export function openaiApi(env: Pick<Env, 'OPENAI_API' | 'OPENAI_BASE_URL'>): 'chat' | 'responses' {
  return env.OPENAI_API ?? (env.OPENAI_BASE_URL ? 'chat' : 'responses');
}

/**
 * The one place that decides which model answers: a configured OpenAI-compatible model when a key is
 * set, else the offline model. The configured model carries the offline one as its fallback.
 */
export function getAnswerModel(env: Env): AnswerModel {
  const offline = extractiveAnswerModel(env);
  if (!env.OPENAI_API_KEY) return offline;
  const openai = provider(env);
  const model = openaiApi(env) === 'chat' ? openai.chat(env.OPENAI_MODEL) : openai.responses(env.OPENAI_MODEL);
  return {
    model,
    id: `openai:${env.OPENAI_MODEL}`,
    kind: 'openai',
    timeoutMs: env.OPENAI_TIMEOUT_MS,
    condenseTimeoutMs: env.OPENAI_CONDENSE_TIMEOUT_MS,
    fallback: offline,
    groundingMode: env.GROUNDING_MODE,
  };
}

export interface EmbeddingConfig {
  model: EmbeddingModel;
  /** 'openai:<embedding model id>', stored with the vectors so a changed model rebuilds them. */
  id: string;
  timeoutMs: number;
}

/** The embedding model for hybrid retrieval, when both a key and OPENAI_EMBEDDING_MODEL are set. */
export function getEmbeddingModel(env: Env): EmbeddingConfig | null {
  if (!env.OPENAI_API_KEY || !env.OPENAI_EMBEDDING_MODEL) return null;
  return {
    model: provider(env).embedding(env.OPENAI_EMBEDDING_MODEL),
    id: `openai:${env.OPENAI_EMBEDDING_MODEL}`,
    timeoutMs: env.OPENAI_CONDENSE_TIMEOUT_MS,
  };
}
