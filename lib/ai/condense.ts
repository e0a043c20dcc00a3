import { generateText, type LanguageModel } from 'ai';
import { resolveQuery } from '../answer/query';
import type { HistoryTurn } from '../answer/types';
import { terms } from '../text/terms';
import { condenseQuestionPrompt } from './prompts';

export interface CondenseOptions {
  model: LanguageModel;
  timeoutMs: number;
  /** Output cap in tokens: a query, not an essay. */
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface CondensedQuery {
  query: string;
  /** 'model' when the model's rewrite was used, 'offline' when `resolveQuery` was. */
  by: 'model' | 'offline';
}

/**
 * A model's rewrite is accepted when it is one short line whose terms come mostly from the question
 * and the conversation: a rewrite that brings in a new topic (or obeys text in the history) is not a
 * condensation, and retrieval would follow it.
 */
export function acceptRewrite(rewrite: string, question: string, history: HistoryTurn[]): string | null {
  const line = rewrite.trim().split('\n')[0].replace(/^["'“”]+|["'“”]+$/g, '').replace(/^(standalone )?(search )?query:\s*/i, '').trim();
  if (!line || line.length > 300) return null;
  const own = terms(line);
  if (!own.length) return null;
  const known = new Set(terms(`${question} ${history.map((t) => t.text).join(' ')}`));
  const fromContext = own.filter((t) => known.has(t)).length / own.length;
  return fromContext >= 0.6 ? line : null;
}

/**
 * Turns a follow-up into a standalone retrieval query with the model, bounded in output tokens and
 * time; any failure, timeout or unusable rewrite falls back to the offline `resolveQuery`.
 */
export async function condenseQuery(question: string, history: HistoryTurn[], opts: CondenseOptions): Promise<CondensedQuery> {
  const offline = (): CondensedQuery => ({ query: resolveQuery(question, history), by: 'offline' });
  if (!history.some((t) => t.role === 'user' && t.text.trim())) return { query: question, by: 'offline' };
  const timer = AbortSignal.timeout(opts.timeoutMs);
  try {
    const { text } = await generateText({
      model: opts.model,
      prompt: condenseQuestionPrompt({ history: history.slice(-6), question }),
      maxOutputTokens: opts.maxOutputTokens ?? 60,
      temperature: 0,
      maxRetries: 0,
      abortSignal: opts.signal ? AbortSignal.any([opts.signal, timer]) : timer,
    });
    const accepted = acceptRewrite(text, question, history);
    return accepted ? { query: accepted, by: 'model' } : offline();
  } catch (error) {
    opts.signal?.throwIfAborted();
    console.warn(`[condense] using the offline follow-up resolution: ${error instanceof Error ? error.message : error}`);
    return offline();
  }
}
