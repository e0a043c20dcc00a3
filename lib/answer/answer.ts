import { streamText, type ModelMessage } from 'ai';
import type { AnswerModel } from '../ai/model';
import { systemPrompt } from '../ai/prompts';
import { EXTRACTIVE_PROVIDER } from '../ai/extractive-model';
import { retrieve } from '../search/retrieve';
import type { SearchHit, SearchIndex } from '../search/types';
import { CitationRenumberer } from './citations';
import { coverage, COVERAGE_THRESHOLD } from './coverage';
import { notCoveredReply } from './examples';
import { checkGrounding } from './grounding';
import { extractiveUnits, resolveQuery, strongHits } from './query';
import { buildCitations } from './quotes';
import { CLINICIAN_NOTE, DISCLAIMER, EMERGENCY_REPLY, isEmergency, isMedicationQuestion } from './safety';
import type { AnswerEvent, AnswerInput, AnswerResult, AnswerStatus, NumberedSource } from './types';

export interface AnswerDeps {
  index: SearchIndex;
  model: AnswerModel;
  signal?: AbortSignal;
  /** Passages offered to the model. */
  sourceCount?: number;
}

const now = () => performance.now();
const ms = (from: number, to = now()) => Math.round((to - from) * 10) / 10;

function fixedReply(status: AnswerStatus, text: string, started: number, retrievalMs = 0, query?: string): AnswerEvent[] {
  const result: AnswerResult = {
    status,
    answer: text,
    citations: [],
    disclaimer: DISCLAIMER,
    model: 'rules',
    timings: { retrievalMs, generationMs: 0, totalMs: ms(started) },
    ...(query ? { query } : {}),
  };
  return [
    { type: 'start', status, disclaimer: DISCLAIMER, model: 'rules' },
    { type: 'text', delta: text },
    { type: 'finish', result, retrieved: [] },
  ];
}

/**
 * Answers one question as a stream of events: emergencies first (before any retrieval), then
 * retrieval, the coverage decision, generation with citation renumbering, and finally the complete
 * result with citations, quotes and the grounding check.
 */
export async function* answerStream(input: AnswerInput, deps: AnswerDeps): AsyncGenerator<AnswerEvent> {
  const started = now();
  const history = input.history ?? [];
  if (isEmergency(input.question)) {
    yield* fixedReply('emergency', EMERGENCY_REPLY, started);
    return;
  }

  const query = resolveQuery(input.question, history);
  const retrievalStart = now();
  const hits: SearchHit[] = strongHits(await retrieve(deps.index, query, { k: deps.sourceCount ?? 5 }));
  const retrievalMs = ms(retrievalStart);
  deps.signal?.throwIfAborted();

  if (!hits.length || coverage(deps.index, query, hits) < COVERAGE_THRESHOLD) {
    yield* fixedReply('not-covered', notCoveredReply(input.question), started, retrievalMs, query);
    return;
  }

  const sources: NumberedSource[] = hits.map(({ passage }, i) => ({
    n: i + 1,
    passageId: passage.id,
    docId: passage.docId,
    title: passage.title,
    section: passage.section,
    text: passage.text,
  }));
  const { model } = deps;
  yield { type: 'start', status: 'answered', disclaimer: DISCLAIMER, model: model.id };

  const generationStart = now();
  const messages: ModelMessage[] = [
    ...history.map((t): ModelMessage => ({ role: t.role, content: t.text })),
    { role: 'user', content: input.question },
  ];
  const result = streamText({
    model: model.model,
    system: systemPrompt({ sources }),
    messages,
    maxRetries: 0,
    abortSignal: deps.signal,
    providerOptions: { [EXTRACTIVE_PROVIDER]: { weights: {}, units: extractiveUnits(deps.index, query), sources } as never },
  });

  const renumber = new CitationRenumberer(sources.length);
  let answer = '';
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') {
      const out = renumber.push(part.text);
      if (out) {
        answer += out;
        yield { type: 'text', delta: out };
      }
    } else if (part.type === 'error') {
      throw part.error;
    }
  }
  let tail = renumber.flush();
  if (isMedicationQuestion(input.question) || isMedicationQuestion(query)) tail += `\n\n${CLINICIAN_NOTE}`;
  if (tail) {
    answer += tail;
    yield { type: 'text', delta: tail };
  }

  const cited = renumber.cited().map((n) => hits[n - 1].passage);
  const citations = buildCitations(answer, cited);
  const grounding = checkGrounding(answer, new Map(citations.map((c) => [c.n, c.passage])));
  const status: AnswerStatus = citations.length ? 'answered' : 'not-covered';
  const final: AnswerResult = {
    status,
    answer: citations.length ? answer : notCoveredReply(input.question),
    citations,
    disclaimer: DISCLAIMER,
    model: model.id,
    grounding,
    timings: { retrievalMs, generationMs: ms(generationStart), totalMs: ms(started) },
    query,
  };
  yield { type: 'finish', result: final, retrieved: hits };
}

/** Runs the stream to the end and returns the complete answer (for `/api/ask`, the eval and scripts). */
export async function answerQuestion(input: AnswerInput, deps: AnswerDeps): Promise<AnswerResult & { retrieved: SearchHit[] }> {
  for await (const event of answerStream(input, deps)) {
    if (event.type === 'finish') return { ...event.result, retrieved: event.retrieved };
  }
  throw new Error('The answer stream ended without a result.');
}
