import { randomUUID } from 'node:crypto';
import type { AnswerInput, AnswerResult } from '../answer/types';
import { queryTerms } from '../text/terms';
import { getInsightsStore } from './app-store';
import type { AnswerLogEntry } from './types';

/** A fresh id for one answer: random, so it says nothing about who asked or when. */
export const newAnswerId = (): string => randomUUID();

/** The question's topic words: its content stems without question filler, sorted (the grouping key). */
export function topicWords(question: string): string {
  return [...new Set(queryTerms(question))].sort().join(' ').slice(0, 300);
}

export interface AnswerToLog {
  answerId: string;
  input: AnswerInput;
  result: AnswerResult;
  /** The chat's random per-conversation id, if any. Nothing else about the visitor is kept. */
  conversationId?: string;
  at?: number;
}

/** What the log keeps of one answer. Emergencies are counted only: no question, no answer text. */
export function logEntryOf({ answerId, input, result, conversationId, at = Date.now() }: AnswerToLog): AnswerLogEntry {
  const emergency = result.status === 'emergency';
  return {
    answerId,
    createdAt: at,
    conversationId: conversationId ?? null,
    question: emergency ? null : input.question,
    topics: emergency ? null : topicWords(input.question),
    answer: emergency ? null : result.answer,
    status: result.status,
    partial: result.coverage?.verdict === 'partial',
    cited: result.citations.map((c) => c.passageId),
    model: result.model,
    latencyMs: result.timings.totalMs,
  };
}

const pending = new Set<Promise<void>>();

/**
 * Logs an answer off its critical path: after the current turn of the event loop (the answer has
 * been handed to the response by then). Failures are logged and never reach the visitor.
 */
export function recordAnswer(answer: AnswerToLog): void {
  const task = new Promise<void>((resolve) => setImmediate(resolve))
    .then(async () => {
      const store = await getInsightsStore();
      if (store) await store.record(logEntryOf(answer));
    })
    .catch((error) => console.warn(`[insights] could not log answer ${answer.answerId}: ${error instanceof Error ? error.message : error}`))
    .finally(() => pending.delete(task));
  pending.add(task);
}

/** Resolves once every answer handed to `recordAnswer` so far is written (tests, shutdown). */
export async function settleRecords(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
