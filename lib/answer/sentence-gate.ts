import { splitSentences } from '../text/sentences';
import { markersBeforePunctuation, markersIn, rewriteMarkers, stripMarkers } from './citations';
import { checkSentence } from './grounding';
import type { GroundingCheck } from './types';

/** A sentence whose markers come before its final punctuation: nothing more can belong to it. */
const CLOSED = /\]\s*[.!?]["'”)]*$/;

/** strict: unsupported sentences are withheld; flag: shown, marked as not confirmed. */
export type GroundingMode = 'strict' | 'flag';

export interface GateOptions {
  /** Sources offered, numbered 1..sourceCount in the prompt. */
  sourceCount: number;
  /** The evidence for prompt source n: its section heading and text. */
  evidence(n: number): string;
  mode: GroundingMode;
}

/** What to send on: text in answer numbering, and the prompt sources cited for the first time in it. */
export interface GateOutput {
  text: string;
  newSources: number[];
}

/**
 * Checks a model's answer sentence by sentence as it streams. Tokens gather until a sentence is
 * complete (the project's sentence splitter, `Intl.Segmenter` underneath); then its markers are kept
 * only when they point at a given source, its grounding is checked against the cited passages, and
 * a supported sentence is released at once with its markers renumbered in order of first citation
 * among the sentences shown. In strict mode an unsupported claim is withheld (kept in `checks` with
 * `shown: false`); in flag mode it is shown, but only once a supported sentence follows, so that an
 * answer with nothing supported can still be replaced without retracting anything.
 */
export class SentenceGate {
  /** Prompt source number → answer citation number, in order of first citation in the shown text. */
  readonly order = new Map<number, number>();
  readonly checks: GroundingCheck[] = [];
  /** Milliseconds each sentence's check took. */
  readonly checkMs: number[] = [];
  invalidMarkers = 0;
  /** Sentences released so far. */
  shown = 0;
  private buffer = '';
  private separator = '';
  private held: { raw: string; separator: string; check: GroundingCheck }[] = [];

  constructor(private readonly opts: GateOptions) {}

  /** Prompt source numbers in answer order (answer number = index + 1). */
  cited(): number[] {
    return [...this.order.entries()].sort((a, b) => a[1] - b[1]).map(([n]) => n);
  }

  push(delta: string): GateOutput[] {
    this.buffer += delta;
    const out: GateOutput[] = [];
    for (;;) {
      const text = markersBeforePunctuation(this.buffer);
      const spans = splitSentences(text);
      // A sentence is complete once the next one has begun with a word (a marker alone may still belong to it).
      if (spans.length < 2 || !/[\p{L}\d]/u.test(stripMarkers(spans[1].text))) break;
      this.buffer = text.slice(spans[1].start);
      out.push(...this.take(text.slice(spans[0].start, spans[0].end), text.slice(spans[0].end, spans[1].start)));
    }
    // A sentence already closed after its markers ("… bones [2].") is complete without waiting for the next word.
    const text = markersBeforePunctuation(this.buffer);
    const spans = splitSentences(text);
    if (spans.length === 1 && CLOSED.test(spans[0].text)) {
      this.buffer = text.slice(spans[0].end);
      out.push(...this.take(spans[0].text, ''));
      this.separator = this.buffer;
      this.buffer = '';
    }
    return out;
  }

  /** The stream ended normally: the rest is the last sentence. Held flagged sentences are dropped when nothing was supported. */
  end(): GateOutput[] {
    const text = markersBeforePunctuation(this.buffer);
    this.buffer = '';
    return splitSentences(text).flatMap((s) => this.take(s.text, ''));
  }

  private take(raw: string, trailing: string): GateOutput[] {
    const separator = this.separator;
    this.separator = trailing;
    const started = performance.now();
    const evidence = new Map<number, string>();
    for (const n of markersIn(raw)) {
      if (n >= 1 && n <= this.opts.sourceCount) evidence.set(n, this.opts.evidence(n));
      else this.invalidMarkers++;
    }
    const check = checkSentence(raw, evidence);
    this.checkMs.push(Math.round((performance.now() - started) * 1000) / 1000);
    if (!check) return [this.release(raw, separator)]; // uncited advice or a remark about the sources
    if (check.supported) {
      const out = this.held.map((h) => this.release(h.raw, h.separator, h.check));
      this.held = [];
      out.push(this.release(raw, separator, check));
      return out;
    }
    if (this.opts.mode === 'flag') {
      if (this.shown) return [this.release(raw, separator, check)];
      this.held.push({ raw, separator, check });
      return [];
    }
    this.checks.push({ ...check, sentence: stripMarkers(check.sentence), cited: [], shown: false });
    // A withheld sentence keeps a paragraph break it carried, so the next one does not run on.
    if (/\n/.test(separator) && !/\n/.test(this.separator)) this.separator = separator;
    return [];
  }

  /** Sends a sentence on in answer numbering (a first citation takes the next number). */
  private release(raw: string, separator: string, check?: GroundingCheck): GateOutput {
    const newSources: number[] = [];
    const text = rewriteMarkers(raw, (n) => {
      if (n < 1 || n > this.opts.sourceCount) return null;
      if (!this.order.has(n)) {
        this.order.set(n, this.order.size + 1);
        newSources.push(n);
      }
      return this.order.get(n)!;
    });
    if (check) this.checks.push({ ...check, sentence: text.replace(/^[-*•]\s+|^\d+[.)]\s+/, ''), cited: markersIn(text), shown: true });
    const lead = this.shown ? separator || ' ' : '';
    this.shown++;
    return { text: lead + text, newSources };
  }
}
