export interface SentenceSpan {
  text: string;
  /** Offsets into the text the sentence came from; `text` is the trimmed slice. */
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Abbreviations after which a full stop does not end a sentence. */
const NON_TERMINAL = /\b(e\.g|i\.e|vs|etc|dr|mr|mrs|ms|approx|fig|no|st|al)\.$/i;

/**
 * Sentence spans with offsets. Uses ICU's sentence rules (not splitting on '.'), joins pieces that
 * end in common abbreviations, and treats line breaks as boundaries (list items, table rows).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let pending: { start: number; end: number } | null = null;
    for (const seg of segmenter.segment(line)) {
      const start = lineStart + seg.index;
      const end = start + seg.segment.length;
      if (pending) pending.end = end;
      else pending = { start, end };
      if (!NON_TERMINAL.test(seg.segment.trim())) {
        pushSpan(spans, text, pending.start, pending.end);
        pending = null;
      }
    }
    if (pending) pushSpan(spans, text, pending.start, pending.end);
    lineStart += line.length + 1;
  }
  return spans;
}

function pushSpan(spans: SentenceSpan[], text: string, start: number, end: number) {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (!trimmed) return;
  spans.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
}
