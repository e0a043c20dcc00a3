import type { AnswerStatus } from '../answer/types';

export const RATINGS = ['up', 'down'] as const;
export const REASONS = ['wrong', 'not-what-i-asked', 'unclear', 'other'] as const;
export const MAX_COMMENT_CHARS = 500;

export type Rating = (typeof RATINGS)[number];
export type Reason = (typeof REASONS)[number];

/** How each reason reads to a person (the vote form, the owner's view). */
export const REASON_LABELS: Record<Reason, string> = { wrong: 'Wrong', 'not-what-i-asked': 'Not what I asked', unclear: 'Unclear', other: 'Other' };

/** A visitor's vote on one answer: one per answer, replaced when they change it. */
export interface Feedback {
  rating: Rating;
  reason?: Reason;
  comment?: string;
}

/**
 * One answer as the log keeps it. No IP address, user agent or cookie: the only link between rows is
 * `conversationId`, the random id the chat makes per conversation. Emergencies keep no text.
 */
export interface AnswerLogEntry {
  answerId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  conversationId: string | null;
  /** Null for emergencies (counted, never kept). */
  question: string | null;
  /** The question's topic words (stems, sorted, space-separated): how declined questions are grouped. */
  topics: string | null;
  /** Null for emergencies. */
  answer: string | null;
  status: AnswerStatus;
  /** An answer that says part of the question is not covered. */
  partial: boolean;
  /** Passage ids cited, in answer order. */
  cited: string[];
  model: string;
  latencyMs: number;
}

export interface LoggedAnswer extends AnswerLogEntry {
  rating: Rating | null;
  reason: Reason | null;
  comment: string | null;
  ratedAt: number | null;
}

export interface DayCount {
  day: string;
  answered: number;
  notCovered: number;
  emergency: number;
}

export interface DeclinedGroup {
  /** The most recent question of the group. */
  question: string;
  topics: string;
  count: number;
}

export interface NegativeAnswer {
  answerId: string;
  createdAt: number;
  question: string | null;
  answer: string | null;
  cited: string[];
  reason?: Reason;
  comment?: string;
}

/** The log's data access: the same on SQLite and PostgreSQL (`lib/insights/store.ts`). */
export interface InsightsStore {
  readonly kind: 'sqlite' | 'postgres';
  record(entry: AnswerLogEntry): Promise<void>;
  /** Sets (or replaces) the vote on an answer; false when no such answer is logged. */
  setFeedback(answerId: string, feedback: Feedback, at?: number): Promise<boolean>;
  /** Deletes answers logged before `cutoff` (epoch ms); returns how many. */
  deleteBefore(cutoff: number): Promise<number>;
  perDay(since: number): Promise<DayCount[]>;
  declined(since: number, limit?: number): Promise<DeclinedGroup[]>;
  negative(limit?: number): Promise<NegativeAnswer[]>;
  /** Oldest first, `limit` rows after the given row (keyset paging for the CSV export). */
  page(after: { createdAt: number; answerId: string } | null, limit: number): Promise<LoggedAnswer[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}
