import type { SearchHit } from '../search/types';

export type AnswerStatus = 'answered' | 'not-covered' | 'emergency';

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface AnswerInput {
  question: string;
  history?: HistoryTurn[];
}

/** A passage offered to the model, numbered 1..k in the order given. */
export interface NumberedSource {
  n: number;
  passageId: string;
  docId: string;
  title: string;
  section: string;
  text: string;
}

export interface Citation {
  /** 1-based position in this answer's source list, as in the `[n]` markers. */
  n: number;
  passageId: string;
  docId: string;
  title: string;
  section: string;
  /** The exact supporting sentence(s) of the passage. */
  quote: string;
  /** Offsets of each supporting sentence within `passage`. */
  quoteSpans: { start: number; end: number }[];
  /**
   * One entry per `[n]` marker in the answer, in text order: the claim (the answer sentence, markers
   * removed) and the passage sentence(s) that support it. A marker's preview and link show these.
   */
  claims?: { claim: string; quote: string; quoteSpans: { start: number; end: number }[] }[];
  passage: string;
  url: string;
}

export interface GroundingCheck {
  sentence: string;
  cited: number[];
  supported: boolean;
  /** Why a sentence is unsupported, for people checking it. */
  reason?: string;
  /** False when the sentence was withheld from the answer (`GROUNDING_MODE=strict`); shown otherwise. */
  shown?: boolean;
}

export interface AnswerTimings {
  retrievalMs: number;
  generationMs: number;
  totalMs: number;
  /** Time spent checking a model answer against its sources (citations, quotes, grounding). */
  groundingMs?: number;
}

/** What the checks found in the configured model's answer, whether or not it was shown. */
export interface ModelCheck {
  /** The model that wrote the checked answer, e.g. 'openai:gpt-4o-mini'. */
  model: string;
  /** Citation markers to no given source, removed. */
  invalidMarkers: number;
  claims: number;
  unsupported: number;
  /** True when the offline answer was shown instead. */
  replaced: boolean;
  /** Milliseconds each sentence's check took, as it streamed. */
  checkMs?: number[];
}

/** Everything an answer is, once complete: the body of `/api/ask` and the final chat metadata. */
export interface AnswerResult {
  /** Random id of this answer (for `POST /api/feedback`); set by the app's entry (`service.ts`). */
  answerId?: string;
  status: AnswerStatus;
  answer: string;
  citations: Citation[];
  disclaimer: string;
  model: string;
  notice?: string;
  grounding?: GroundingCheck[];
  /** Present when a configured model answered (or tried to): what its answer's checks found. */
  modelCheck?: ModelCheck;
  timings: AnswerTimings;
  /** The standalone query used for retrieval (differs from the question for follow-ups). */
  query?: string;
  /** The decision to answer: covered share of the question's topics, and topics no article covers. */
  coverage?: { verdict: 'answer' | 'partial' | 'decline'; score: number; missing: string[] };
  /** The warning signs that routed an emergency reply. */
  redFlags?: { id: string; sign: string }[];
  /** Clauses of the message left out as instructions to the assistant. */
  instructions?: string[];
  /** False when the model stopped after part of its answer was shown (`notice` says so). */
  complete?: boolean;
}

export type AnswerEvent =
  | { type: 'start'; status: AnswerStatus; disclaimer: string; model: string }
  | { type: 'text'; delta: string }
  /** A source cited for the first time, sent before the text that cites it (`n`: its answer number). */
  | { type: 'source'; source: NumberedSource; n: number }
  | { type: 'finish'; result: AnswerResult; retrieved: SearchHit[] };
