import { splitSentences } from '@/lib/text/sentences';
import { queryTerms, terms } from '@/lib/text/terms';
import { sourcesIn, type ModelRequest } from './openai-stand-in';

/** A cited sentence of a scripted answer. */
export interface ScriptedSentence {
  n: number;
  text: string;
}

/** Puts `[n]` before a sentence's final punctuation, as the system prompt asks. */
export function cite(text: string, n: number | string): string {
  const m = /([.!?])["'”)]?$/.exec(text.trim());
  const body = m ? text.trim().slice(0, m.index) : text.trim();
  return `${body} [${n}]${m ? m[1] : '.'}`;
}

/**
 * What a well-behaved model would write: the source sentences that share most terms with the
 * question, each cited with its source number. Deterministic; no knowledge beyond the prompt.
 */
export function groundedSentences(req: ModelRequest, max = 3): ScriptedSentence[] {
  const want = new Set(queryTerms(req.question));
  const scored = sourcesIn(req.system).flatMap((s) =>
    splitSentences(s.text)
      .filter((x) => x.text.split(/\s+/).length >= 6 && !x.text.endsWith('?') && !x.text.endsWith(':'))
      .map((x) => ({ n: s.n, text: x.text.replace(/\s+/g, ' '), score: terms(x.text).filter((t) => want.has(t)).length - s.n * 0.01 })),
  );
  scored.sort((a, b) => b.score - a.score);
  const out: ScriptedSentence[] = [];
  for (const s of scored) {
    if (out.length >= max) break;
    if (out.some((o) => o.text === s.text)) continue;
    out.push({ n: s.n, text: s.text });
  }
  return out;
}

export const joinCited = (sentences: ScriptedSentence[]) => sentences.map((s) => cite(s.text, s.n)).join(' ');
