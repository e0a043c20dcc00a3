import type { ModelMessage } from 'ai';
import { condenseQuery } from '../ai/condense';
import { EXTRACTIVE_PROVIDER } from '../ai/extractive-model';
import { classifyFault, faultNotice, incompleteNotice, type ModelFault, UNCITED_NOTICE, unsupportedNotice } from '../ai/faults';
import type { AnswerModel } from '../ai/model';
import { systemPrompt } from '../ai/prompts';
import { searchPassages, type VectorSearch } from '../search/hybrid';
import type { SearchHit, SearchIndex } from '../search/types';
import { analyzeQuestion, type QuestionAnalysis } from './analyze';
import { decideOnSources, type CoverageDecision } from './coverage';
import { profileOf } from '../library/profile';
import { notCoveredReply } from './examples';
import { checkAnswer } from './finish';
import { buildCitations } from './quotes';
import { SentenceGate, type GateOutput } from './sentence-gate';
import { generateAnswerText, type GenerationEnd } from './generate';
import { groundingVerdict } from './grounding';
import { extractiveUnits, resolveQuery, strongHits } from './query';
import { CLINICIAN_NOTE, DISCLAIMER, EMERGENCY_REPLY, isMedicationQuestion, notCoveredPart } from './safety';
import type { AnswerEvent, AnswerInput, AnswerResult, AnswerStatus, HistoryTurn, ModelCheck, NumberedSource } from './types';

export interface AnswerDeps {
  index: SearchIndex;
  model: AnswerModel;
  signal?: AbortSignal;
  /** Passages offered to the model. */
  sourceCount?: number;
  /** Passage vectors and the query embedder, when an embedding model is configured (hybrid retrieval). */
  vectors?: VectorSearch | null;
}

const now = () => performance.now();
const ms = (from: number, to = now()) => Math.round((to - from) * 10) / 10;

function fixedReply(status: AnswerStatus, text: string, started: number, retrievalMs = 0, query?: string, extra: Partial<AnswerResult> = {}): AnswerEvent[] {
  const result: AnswerResult = {
    ...extra,
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

/** What every generation of one question shares. */
interface Turn {
  question: string;
  history: HistoryTurn[];
  query: string;
  hits: SearchHit[];
  sources: NumberedSource[];
  medication: boolean;
  /** The decision to answer: a partial answer names what the articles don't cover. */
  coverage: CoverageDecision;
  /** What the question asks and its background, for weighing its parts. */
  asked: { asking: string; context: string; nouns: Set<string> };
  started: number;
  retrievalMs: number;
  deps: AnswerDeps;
}

function request(turn: Turn, model: AnswerModel) {
  const messages: ModelMessage[] = [
    ...turn.history.map((t): ModelMessage => ({ role: t.role, content: t.text })),
    { role: 'user', content: turn.question },
  ];
  return {
    model: model.model,
    system: systemPrompt({ sources: turn.sources }),
    messages,
    sourceCount: turn.sources.length,
    signal: turn.deps.signal,
    timeoutMs: model.timeoutMs,
    providerOptions: { [EXTRACTIVE_PROVIDER]: { weights: {}, units: extractiveUnits(turn.deps.index, turn.query, turn.asked), sources: turn.sources, question: turn.query, cautionFirst: turn.medication } as never },
  };
}

type Extra = Partial<Pick<AnswerResult, 'notice' | 'modelCheck' | 'grounding' | 'citations' | 'complete'>> & { groundingMs?: number; generationStart?: number };

function finishEvent(turn: Turn, answer: string, cited: number[], model: string, generationStart: number, extra: Extra = {}): AnswerEvent {
  const { groundingMs, generationStart: _, ...rest } = extra;
  const checked = rest.citations ? { citations: rest.citations, grounding: rest.grounding ?? [] } : checkAnswer(answer, cited, turn.hits);
  const answered = checked.citations.length > 0;
  const result: AnswerResult = {
    status: answered ? 'answered' : 'not-covered',
    answer: answered ? answer : notCoveredReply(profileOf(turn.deps.index), turn.question),
    citations: checked.citations,
    disclaimer: DISCLAIMER,
    model,
    grounding: checked.grounding,
    timings: { retrievalMs: turn.retrievalMs, generationMs: ms(generationStart), totalMs: ms(turn.started), ...(groundingMs !== undefined ? { groundingMs } : {}) },
    query: turn.query,
    coverage: turn.coverage,
    ...rest,
  };
  return { type: 'finish', result, retrieved: turn.hits };
}

/** Runs a generation to its end, passing its text on as events when `stream` is set. */
async function* drain(generation: AsyncGenerator<string, GenerationEnd>, stream: boolean): AsyncGenerator<AnswerEvent, { answer: string; end: GenerationEnd }> {
  let answer = '';
  for (;;) {
    const step = await generation.next();
    if (step.done) return { answer, end: step.value };
    answer += step.value;
    if (stream) yield { type: 'text', delta: step.value };
  }
}

/** The offline model's answer, streamed as it is composed (its sentences are the passages' own). */
async function* offlineAnswer(turn: Turn, model: AnswerModel, extra: Extra = {}): AsyncGenerator<AnswerEvent> {
  const generationStart = extra.generationStart ?? now();
  const drained = yield* drain(generateAnswerText(request(turn, model)), true);
  const { end } = drained;
  let { answer } = drained;
  // streamText ends the stream quietly on abort: stop here rather than finish a half answer.
  turn.deps.signal?.throwIfAborted();
  if (!end.cited.length) {
    // No sentence of the passages answers the question: say so in the streamed text too.
    const reply = notCoveredReply(profileOf(turn.deps.index), turn.question);
    yield { type: 'text', delta: answer ? `\n\n${reply}` : reply };
    yield finishEvent(turn, answer, end.cited, model.id, generationStart, extra);
    return;
  }
  for (const note of closingNotes(turn)) {
    answer += note;
    yield { type: 'text', delta: note };
  }
  yield finishEvent(turn, answer, end.cited, model.id, generationStart, extra);
}

/** What follows every answer: what the articles don't cover (a partial answer), and the clinician note. */
function closingNotes(turn: Turn): string[] {
  const notes: string[] = [];
  if (turn.coverage.verdict === 'partial') notes.push(`\n\n${notCoveredPart(turn.coverage.missing)}`);
  if (turn.medication) notes.push(`\n\n${CLINICIAN_NOTE}`);
  return notes;
}

/**
 * The configured model's answer, streamed sentence by sentence as each passes its checks (see
 * `SentenceGate`): a sentence reaches the client as soon as it is complete and supported, with its
 * sources the first time they are cited. Nothing shown is retracted: when no sentence was shown —
 * the model failed first, cited nothing, or supported nothing — the offline answer is given with a
 * `notice`; when the model fails after some sentences were shown, those stay and the answer ends
 * with a notice that it may be incomplete (`complete: false`).
 */
async function* checkedModelAnswer(turn: Turn, model: AnswerModel, fallback: AnswerModel): AsyncGenerator<AnswerEvent> {
  const generationStart = now();
  const gate = new SentenceGate({
    sourceCount: turn.sources.length,
    evidence: (n) => `${turn.sources[n - 1].section}\n${turn.sources[n - 1].text}`,
    mode: model.groundingMode ?? 'strict',
  });
  let answer = '';
  const send = function* (outputs: GateOutput[]): Generator<AnswerEvent> {
    for (const out of outputs) {
      for (const n of out.newSources) yield { type: 'source', source: turn.sources[n - 1], n: gate.order.get(n)! };
      answer += out.text;
      yield { type: 'text', delta: out.text };
    }
  };
  let fault: ModelFault | undefined;
  try {
    const generation = generateAnswerText({ ...request(turn, model), renumber: false });
    for (;;) {
      const step = await generation.next();
      if (step.done) break;
      yield* send(gate.push(step.value));
    }
    yield* send(gate.end());
  } catch (error) {
    turn.deps.signal?.throwIfAborted();
    fault = classifyFault(error);
    console.warn(`[answer] ${model.id} failed (${fault.message})${gate.shown ? ' after part of its answer was shown' : '; answering offline'}`);
  }
  turn.deps.signal?.throwIfAborted();
  const verdict = groundingVerdict(gate.checks);
  const modelCheck: ModelCheck = { model: model.id, invalidMarkers: gate.invalidMarkers, claims: verdict.claims, unsupported: verdict.unsupported, replaced: !gate.shown, checkMs: gate.checkMs };
  const groundingMs = Math.round(gate.checkMs.reduce((a, b) => a + b, 0) * 100) / 100;
  if (!gate.shown || !gate.cited().length) {
    const cited = gate.checks.some((c) => c.reason !== 'no citation');
    const notice = fault ? faultNotice(fault, model.timeoutMs) : cited ? unsupportedNotice(verdict.unsupported, verdict.claims) : UNCITED_NOTICE;
    // Only uncited remarks were shown (nothing checked): they stay, and the offline answer follows.
    if (answer) yield { type: 'text', delta: '\n\n' };
    yield* offlineAnswer(turn, fallback, { notice, modelCheck: { ...modelCheck, replaced: true }, groundingMs, generationStart });
    return;
  }
  const incomplete = fault ? incompleteNotice(fault) : undefined;
  // The clinician and not-covered notes still apply to what was shown; the incomplete notice ends it.
  const notes = [...closingNotes(turn), ...(incomplete ? [`\n\n${incomplete}`] : [])];
  for (const note of notes) {
    answer += note;
    yield { type: 'text', delta: note };
  }
  // Every sentence was checked as it was shown (gate.checks): only the citations are built here.
  const citations = buildCitations(answer, gate.cited().map((n) => turn.hits[n - 1].passage));
  yield finishEvent(turn, answer, gate.cited(), fault ? `${model.id} (incomplete)` : model.id, generationStart, {
    modelCheck,
    groundingMs,
    grounding: gate.checks,
    citations,
    ...(incomplete ? { notice: incomplete, complete: false } : {}),
  });
}

/** What the decision weighs: the asking sentences (or the resolved follow-up query) and the background. */
function askedOf(analysis: QuestionAnalysis, query: string): { asking: string; context: string; nouns: Set<string> } {
  return query === analysis.question ? analysis : { asking: query, context: analysis.context, nouns: analysis.nouns };
}

/** The standalone retrieval query: condensed by the configured model for follow-ups, else offline. */
async function standaloneQuery(question: string, history: HistoryTurn[], deps: AnswerDeps): Promise<string> {
  const { model } = deps;
  if (model.kind !== 'openai' || !history.length) return resolveQuery(question, history);
  const condensed = await condenseQuery(question, history, { model: model.model, timeoutMs: model.condenseTimeoutMs ?? 4000, signal: deps.signal });
  return condensed.query;
}

/**
 * Answers one question as a stream of events: emergencies first (before any retrieval), then the
 * standalone query, retrieval (hybrid when vectors exist), the coverage decision, generation with
 * citation renumbering, and finally the complete result with citations, quotes and the grounding check.
 */
export async function* answerStream(input: AnswerInput, deps: AnswerDeps): AsyncGenerator<AnswerEvent> {
  const started = now();
  const history = input.history ?? [];
  const analysis = analyzeQuestion(input.question, deps.index);
  if (analysis.redFlags.length) {
    yield* fixedReply('emergency', EMERGENCY_REPLY, started, 0, undefined, { redFlags: analysis.redFlags });
    return;
  }
  if (!analysis.question) {
    // Nothing but instructions to the assistant: there is no question about the articles to answer.
    yield* fixedReply('not-covered', notCoveredReply(profileOf(deps.index), ''), started, 0, undefined, { instructions: analysis.instructions });
    return;
  }

  const retrievalStart = now();
  const query = await standaloneQuery(analysis.question, history, deps);
  deps.signal?.throwIfAborted();
  const retrieved = strongHits(await searchPassages(deps.index, query, { k: deps.sourceCount ?? 5, vectors: deps.vectors, signal: deps.signal }));
  deps.signal?.throwIfAborted();

  const asked = askedOf(analysis, query);
  const { hits, decision } = decideOnSources(deps.index, asked, retrieved);
  const retrievalMs = ms(retrievalStart);
  if (decision.verdict === 'decline') {
    yield* fixedReply('not-covered', notCoveredReply(profileOf(deps.index), analysis.question), started, retrievalMs, query, { coverage: decision });
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
  const medication = isMedicationQuestion(input.question) || isMedicationQuestion(query);
  const turn: Turn = { question: analysis.question, history, query, hits, sources, medication, coverage: decision, asked, started, retrievalMs, deps };
  const { model } = deps;
  yield { type: 'start', status: 'answered', disclaimer: DISCLAIMER, model: model.id };
  if (model.kind === 'openai' && model.fallback) yield* checkedModelAnswer(turn, model, model.fallback);
  else yield* offlineAnswer(turn, model);
}

/** Runs the stream to the end and returns the complete answer (for `/api/ask`, the eval and scripts). */
export async function answerQuestion(input: AnswerInput, deps: AnswerDeps): Promise<AnswerResult & { retrieved: SearchHit[] }> {
  for await (const event of answerStream(input, deps)) {
    if (event.type === 'finish') return { ...event.result, retrieved: event.retrieved };
  }
  throw new Error('The answer stream ended without a result.');
}
