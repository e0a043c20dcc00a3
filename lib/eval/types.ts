import { z } from 'zod';

export const EvalItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  question: z.string(),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string() })).optional(),
  gold: z.array(z.string()).default([]),
  must: z.array(z.array(z.string())).default([]),
  /** e.g. 'not-emergency': a question about symptoms that must be answered, not routed. */
  tag: z.string().optional(),
});

export type EvalItem = z.infer<typeof EvalItemSchema>;

export interface RetrievedSummary {
  passageId: string;
  section: string;
  relevant: boolean;
  snippet: string;
}

/** What happened to one question, with everything the scores are computed from. */
export interface ItemResult {
  id: string;
  kind: string;
  question: string;
  query: string;
  status: string;
  answer: string;
  hasGold: boolean;
  hasMust: boolean;
  /** 1-based rank of the first relevant passage in the top 10 (null: none). */
  rank: number | null;
  retrieved: RetrievedSummary[];
  citations: { passageId: string; relevant: boolean }[];
  mustOk: boolean;
  disclaimer: boolean;
  leaked: boolean;
  /** The decision's covered share (absent for emergencies and messages that were only instructions). */
  coverageScore?: number;
  /** The answer's first sentence holds a gold span or every `must` group on its own. */
  leadOk: boolean;
  words: number;
  timings: { retrievalMs: number; generationMs: number; totalMs: number };
}

export interface Metric {
  name: string;
  value: number;
  /** How many items the figure is over. */
  n: number;
  group: 'retrieval' | 'answers' | 'latency';
  /** Set for figures of one kind of question only. */
  kind?: string;
}

export interface EvalReport {
  set: string;
  model: string;
  passages: number;
  avgPassageChars: number;
  metrics: Metric[];
  items: ItemResult[];
  failures: string[];
}
