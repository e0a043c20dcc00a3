import lexiconData from '../../corpus/lexicon.json';
import redFlagData from '../../corpus/red-flags.json';
import type { LexiconFile } from '../search/lexicon';
import { analyze } from '../text/tokenize';

/** `corpus/red-flags.json` as written: one row per warning sign, groups of words or `@set` references. */
export interface RedFlagFile {
  sets: Record<string, string[]>;
  rows: { id: string; sign: string; all: string[][]; personal?: boolean; unless?: string[]; example: string; near_miss?: string }[];
}

export interface RedFlag {
  id: string;
  sign: string;
}

interface CompiledRow {
  id: string;
  sign: string;
  groups: string[][][];
  personal: boolean;
  unless: string[][];
}

export interface Triage {
  rows: CompiledRow[];
  personal: string[][];
  /** Every word the table uses, for the spelling corrector's vocabulary. */
  words: Set<string>;
}

/** A phrase as the stems of all its words (stop words kept, so "will not stop" keeps "not"). */
const phrase = (text: string) => analyze(text).stems;

/** Compiles the table: sets and lexicon concepts expanded, every phrase analysed like the message. */
export function compileTriage(file: RedFlagFile = redFlagData as RedFlagFile, lexicon: LexiconFile = lexiconData as LexiconFile): Triage {
  const words = new Set<string>();
  const expand = (items: string[], seen = new Set<string>()): string[] =>
    items.flatMap((item) => {
      // "on @anticoagulant": every phrase of the set, with the words around the reference.
      const ref = /@(lexicon:)?[\w-]+/.exec(item);
      if (!ref) return [item];
      const [before, after] = [item.slice(0, ref.index), item.slice(ref.index + ref[0].length)];
      let inner: string[];
      if (ref[1]) inner = lexicon.concepts.find((c) => c.id === ref[0].slice(9))?.terms ?? [];
      else {
        const name = ref[0].slice(1);
        if (seen.has(name) || !file.sets[name]) throw new Error(`red-flags.json: unknown or circular set ${ref[0]}`);
        inner = expand(file.sets[name], new Set([...seen, name]));
      }
      return inner.map((t) => `${before}${t}${after}`);
    });
  const compile = (items: string[]) => {
    const texts = expand(items);
    for (const t of texts) for (const w of t.toLowerCase().split(/[^a-z]+/)) if (w) words.add(w);
    return texts.map(phrase).filter((p) => p.length);
  };
  const rows = file.rows.map((r) => ({ id: r.id, sign: r.sign, groups: r.all.map(compile), personal: !!r.personal, unless: compile(r.unless ?? []) }));
  return { rows, personal: compile(file.sets.personal ?? []), words };
}

function occurs(stems: string[], seq: string[]): boolean {
  outer: for (let i = 0; i + seq.length <= stems.length; i++) {
    for (let j = 0; j < seq.length; j++) if (stems[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

const anyOccurs = (stems: string[], alternatives: string[][]) => alternatives.some((seq) => occurs(stems, seq));

export const DEFAULT_TRIAGE = compileTriage();

/**
 * The warning signs a message shows, in table order. `text` should already be spelling-corrected
 * (the question analysis does that); matching is on stems, tolerant to word order.
 */
export function redFlags(text: string, triage: Triage = DEFAULT_TRIAGE): RedFlag[] {
  const stems = analyze(text).stems;
  const personal = anyOccurs(stems, triage.personal);
  return triage.rows
    .filter((row) => (!row.personal || personal) && row.groups.every((g) => anyOccurs(stems, g)) && !anyOccurs(stems, row.unless))
    .map(({ id, sign }) => ({ id, sign }));
}
