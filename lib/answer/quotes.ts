import type { Passage } from '../chunk/types';
import { splitSentences } from '../text/sentences';
import { markersBeforePunctuation, markersIn } from './citations';
import { supportingSentences } from './support';
import type { Citation } from './types';

export function sourceUrl(passage: Pick<Passage, 'docId' | 'id'>): string {
  return `/sources/${encodeURIComponent(passage.docId)}#${encodeURIComponent(passage.id)}`;
}

/**
 * Builds the citation list of a finished answer: for each cited passage (answer numbering), the
 * passage sentences that support the answer sentences citing it, with their offsets.
 */
export function buildCitations(answer: string, cited: Passage[]): Citation[] {
  const claims = new Map<number, string[]>();
  for (const paragraph of markersBeforePunctuation(answer).split(/\n+/)) {
    for (const { text } of splitSentences(paragraph)) {
      for (const n of markersIn(text)) claims.set(n, [...(claims.get(n) ?? []), text]);
    }
  }
  return cited.map((passage, i) => {
    const n = i + 1;
    const spans = new Map<number, { start: number; end: number; text: string }>();
    for (const claim of claims.get(n) ?? []) {
      for (const s of supportingSentences(claim, passage.text)) spans.set(s.start, s);
    }
    const ordered = [...spans.values()].sort((a, b) => a.start - b.start);
    return {
      n,
      passageId: passage.id,
      docId: passage.docId,
      title: passage.title,
      section: passage.section,
      quote: ordered.map((s) => s.text).join(' … '),
      quoteSpans: ordered.map(({ start, end }) => ({ start, end })),
      passage: passage.text,
      url: sourceUrl(passage),
    };
  });
}
