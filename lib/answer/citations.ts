/** `[1]`, `[2, 3]`, `[2; 3]`, `[1-2]`: the marker forms models write. */
const MARKER = /\s?\[(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\]/g;
/** A marker that may still be arriving at the end of a chunk. */
const PARTIAL_TAIL = /\s?\[[\d\s,;–-]{0,12}$/;

function expand(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b >= a && b - a < 10) for (let i = a; i <= b; i++) out.push(i);
    } else if (part) out.push(Number(part));
  }
  return out;
}

/**
 * Renumbers citation markers while text streams: the model cites sources by their position in the
 * prompt (1..k); the answer cites them 1..m in order of first citation. Markers pointing at no given
 * source are dropped (and counted). Holds back a possibly unfinished marker at a chunk's end.
 */
export class CitationRenumberer {
  /** Prompt source number → answer citation number. */
  readonly order = new Map<number, number>();
  invalid = 0;
  private pending = '';

  constructor(private readonly sourceCount: number) {}

  push(delta: string): string {
    const text = this.pending + delta;
    const tail = PARTIAL_TAIL.exec(text);
    const ready = tail ? text.slice(0, tail.index) : text;
    this.pending = tail ? text.slice(tail.index) : '';
    return this.rewrite(ready);
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.rewrite(rest);
  }

  /** Prompt source numbers in citation order. */
  cited(): number[] {
    return [...this.order.entries()].sort((a, b) => a[1] - b[1]).map(([source]) => source);
  }

  private rewrite(text: string): string {
    return text.replace(MARKER, (whole, list: string) => {
      const numbers: number[] = [];
      for (const n of expand(list)) {
        if (!Number.isInteger(n) || n < 1 || n > this.sourceCount) {
          this.invalid++;
          continue;
        }
        if (!this.order.has(n)) this.order.set(n, this.order.size + 1);
        const mapped = this.order.get(n)!;
        if (!numbers.includes(mapped)) numbers.push(mapped);
      }
      if (!numbers.length) return '';
      const lead = whole.startsWith(' ') || whole.startsWith('\n') ? whole[0] : '';
      return lead + numbers.map((n) => `[${n}]`).join('');
    });
  }
}

/** The citation numbers in a piece of answer text, in order, without repeats. */
export function markersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MARKER)) for (const n of expand(m[1])) if (!out.includes(n)) out.push(n);
  return out;
}

/** Text without its citation markers. */
export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/\s+([.,;:!?])/g, '$1');
}

/** Moves markers written after a sentence's full stop ("... bones. [2]") to before it ("... bones [2]."). */
export function markersBeforePunctuation(text: string): string {
  return text.replace(/([.!?])((?:\s?\[\d{1,3}\])+)/g, (_, punct: string, marks: string) => ` ${marks.replace(/\s/g, '')}${punct}`);
}

/** No space before punctuation, no doubled spaces (line breaks kept): what a removed marker leaves tidy. */
export function tidySpacing(text: string): string {
  return text.replace(/[ \t]+([.,;:!?])/g, '$1').replace(/([^\s])[ \t]{2,}/g, '$1 ');
}

/**
 * Rewrites each marker's numbers with `map` (null drops a number; a marker left with none is
 * removed), then tidies the spacing, so "within two weeks [9]." reads "within two weeks.".
 */
export function rewriteMarkers(text: string, map: (n: number) => number | null): string {
  const out = text.replace(MARKER, (whole, list: string) => {
    const numbers = [...new Set(expand(list).map(map).filter((n): n is number => n !== null))];
    if (!numbers.length) return '';
    const lead = /^\s/.test(whole) ? whole[0] : '';
    return lead + numbers.map((n) => `[${n}]`).join('');
  });
  return tidySpacing(out);
}
