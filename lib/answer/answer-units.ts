import { splitSentences } from '../text/sentences';
import { capitalise, standAlone, subjectOf } from './references';
import type { NumberedSource } from './types';

/**
 * A passage as the pieces an answer can quote: sentences that stand on their own (a leading
 * pronoun named, a connective dropped, or the previous sentence brought along), lists (a lead-in
 * ending in ':' and the lines after it), table rows (a flattened table becomes one claim per row)
 * and FAQ answers (the "Yes"/"No" kept only when the FAQ's question is the visitor's).
 */
export interface AnswerUnit {
  /** The sentences in reading order; each gets its own citation marker. */
  parts: string[];
  /** `source:sentence` keys of the passage sentences it is made of. */
  keys: string[];
  words: number;
  /** A list: `parts[0]` is the lead-in, these are its items (each cited). */
  items?: string[];
}

/** "Vitamin K2 is Key:", "Q:", "A:", "Note:": a label before the sentence itself. */
const LABEL_PREFIX = /^([A-Z][^:.!?]{0,60}?):\s+(?=["'“(]?[A-Z0-9])/;
const FAQ_PREFIX = /^(Q|A|Note|Tip|Summary|Answer|Question)$/i;
/** Table rows flattened into text ("Feature · K1 · K2") and header rows of tables without separators. */
const DOTTED_ROW = /\s·\s/;
const TABLE_PASSAGE = /^(feature|nutrient|aspect|characteristic|factor|category|attribute)\s/i;
/** Sentences about the article rather than the topic ("This guide explores…"). */
const META = /\b(this|the|our) (article|guide|post|page|review|piece)\b|\b(click|read more|learn more|see below|as mentioned)\b/i;

export const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * The sentence as it reads in an answer: FAQ prefixes and headline labels dropped ("MGP is the
 * Inhibitor: MGP binds…"), while a label naming what the sentence is about stays as its context
 * ("Magnesium: Rich sources include…" → "For magnesium, rich sources include…").
 */
export function readableSentence(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 2; i++) {
    const m = LABEL_PREFIX.exec(out);
    if (!m) break;
    const label = m[1];
    const rest = out.slice(m[0].length);
    const words = label.split(/\s+/);
    const titleCase = words.filter((w) => w.length > 3).every((w) => /^["'“(]?[A-Z0-9]/.test(w));
    if (!FAQ_PREFIX.test(label) && !titleCase) break;
    // A label naming a thing ("Magnesium", "Vitamin K2 (Menaquinones)"), not a headline ("The Result of Deficiency").
    const bare = label.replace(/\s*\([^)]*\)/g, '');
    const named = !FAQ_PREFIX.test(label) && !/^(the|a|an)\s/i.test(bare) && bare.split(/\s+/).length <= 4 && subjectOf(`${bare} is.`)?.text === bare;
    if (named) {
      // "Magnesium: This essential mineral acts…" → "Magnesium acts…": the label is what the reference names.
      const ref = /^(it|they|this|these|that|those)\b(\s+[a-z-]+){0,3}?\s+(?=(is|are|acts?|helps?|plays?|has|have|can|may|works?|activates?|regulates?|supports?)\b)/i.exec(rest);
      if (ref) {
        out = `${bare} ${rest.slice(ref[0].length)}`;
        break;
      }
    }
    // The sentence does not name the label's thing itself (nor its abbreviation in parentheses).
    const absent = !label
      .toLowerCase()
      .split(/[^a-z0-9-]+/)
      .filter((w) => w.length > 2 && w !== 'vitamin')
      .some((w) => rest.toLowerCase().includes(w));
    if (named && absent) {
      out = `For ${bare}, ${rest.replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase())}`;
      break;
    }
    out = rest;
  }
  return capitalise(out);
}

/** "Yes, …" / "No, …" of an FAQ: kept when the FAQ asked what the visitor asks, else dropped (or the sentence skipped). */
function withoutAnswerWord(text: string, keep: boolean): string | null {
  const m = /^(yes|no)\b[,.;:!]?\s+/i.exec(text);
  if (!m || keep) return text;
  const rest = text.slice(m[0].length);
  if (/^(but|and|or|only|if|not|because|as)\b/i.test(rest) || wordCount(rest) < 5) return null;
  return capitalise(rest);
}

/** One claim per row of a table whose cells are separated by " · ": "Site of Action — K1: liver; K2: arteries." */
function tableRows(source: NumberedSource): AnswerUnit[] {
  const lines = source.text.split('\n').map((l) => l.trim()).filter(Boolean);
  const header = lines[0].split(/\s·\s/).map((c) => c.trim());
  return lines.slice(1).flatMap((line, i) => {
    const cells = line.split(/\s·\s/).map((c) => c.trim().replace(/[.;]$/, ''));
    if (cells.length !== header.length || cells.length < 2) return [];
    const body = cells.slice(1).map((c, j) => `${header[j + 1]}: ${c}`).join('; ');
    const text = `${cells[0]} — ${body}.`;
    return [{ parts: [text], keys: [`${source.n}:${i + 1}`], words: wordCount(text) }];
  });
}

export interface UnitOptions {
  /** Whether an FAQ question of the passage asks what the visitor asks (then its "Yes"/"No" stays). */
  faqMatches?: (faqQuestion: string) => boolean;
}

/** A passage's pieces an answer can quote. Tables without cell separators have no sentences to quote. */
export function passageUnits(source: NumberedSource, opts: UnitOptions = {}): AnswerUnit[] {
  if (DOTTED_ROW.test(source.text.split('\n')[0] ?? '')) return tableRows(source);
  if (TABLE_PASSAGE.test(source.text)) return [];
  const spans = splitSentences(source.text);
  const lineOf = (start: number) => source.text.slice(0, start).split('\n').length - 1;
  const resolved: (string | null)[] = [];
  const out: AnswerUnit[] = [];
  for (let i = 0; i < spans.length; i++) {
    const raw = spans[i].text;
    if (raw.endsWith(':')) {
      // A lead-in and the lines after it: a list (each line one item, its sentences kept together).
      const line = lineOf(spans[i].start);
      const items: { text: string; keys: string[] }[] = [];
      let j = i + 1;
      while (j < spans.length && !spans[j].text.endsWith(':') && lineOf(spans[j].start) > line) {
        const itemLine = lineOf(spans[j].start);
        const item = { text: readableItem(spans[j].text), keys: [`${source.n}:${j}`] };
        while (j + 1 < spans.length && lineOf(spans[j + 1].start) === itemLine) item.text += ` ${spans[++j].text}`, item.keys.push(`${source.n}:${j}`);
        items.push(item);
        j++;
      }
      resolved[i] = null;
      if (items.length) {
        const lead = readableSentence(raw);
        out.push({ parts: [lead], items: items.map((it) => it.text), keys: [`${source.n}:${i}`, ...items.flatMap((it) => it.keys)], words: wordCount(lead) + items.reduce((n, it) => n + wordCount(it.text), 0) });
      }
      // The items are also sentences in their own right (a long labelled line answers alone).
      continue;
    }
    if (raw.endsWith('?') || META.test(raw) || wordCount(raw) < 5) {
      resolved[i] = null;
      continue;
    }
    const faq = i > 0 && spans[i - 1].text.endsWith('?') ? spans[i - 1].text.replace(/^Q:\s*/i, '') : null;
    const own = withoutAnswerWord(readableSentence(raw), !!faq && !!opts.faqMatches?.(faq));
    if (own === null) {
      resolved[i] = null;
      continue;
    }
    const { text, leans } = standAlone(own, resolved[i - 1] ?? undefined);
    resolved[i] = text;
    const unit: AnswerUnit = { parts: [text], keys: [`${source.n}:${i}`], words: wordCount(text) };
    // Still leaning on the sentence before ("This is because…"): bring it (and its own predecessor
    // when it leans too, two back at most); without a self-contained start the sentence is left out.
    let ok = !leans;
    for (let j = i - 1, first = text; !ok && j >= 0 && i - j <= 2; j--) {
      const prev = resolved[j];
      if (!prev) break;
      unit.parts.unshift(prev);
      unit.keys.push(`${source.n}:${j}`);
      unit.words += wordCount(prev);
      first = prev;
      ok = !standAlone(first).leans;
    }
    if (ok) out.push(unit);
  }
  return out;
}

/** A list item as a phrase: its label kept ("Vitamin D: Oily fish…"), whitespace folded. */
function readableItem(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
