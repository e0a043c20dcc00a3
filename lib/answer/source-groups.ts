import { stripMarkers } from './citations';
import type { Citation } from './types';

export interface SourceGroup {
  docId: string;
  title: string;
  /** The article's citations in marker order: one quote each. */
  citations: Citation[];
}

/**
 * The sources list under an answer: only what the text cites, one entry per article (in order of its
 * first citation), each with its passages' quotes numbered as in the text. Two passages of one
 * article are one article with two quotes; a passage cited under two numbers keeps both numbers.
 */
export function groupSources(citations: Citation[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const c of [...citations].sort((a, b) => a.n - b.n)) {
    const key = c.docId || c.title;
    const group = groups.get(key) ?? { docId: c.docId, title: c.title, citations: [] };
    group.citations.push(c);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The citation as its `occurrence`-th marker shows it: that claim's supporting sentence(s), and a link marking only those. */
export function citationForMarker(citation: Citation, occurrence: number): Citation {
  const claim = citation.claims?.[occurrence];
  return claim?.quote ? { ...citation, quote: claim.quote, quoteSpans: claim.quoteSpans } : citation;
}

const words = (text: string) => stripMarkers(text).toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * The supporting sentences of a citation that the answer does not already say in their own words:
 * what the Sources block quotes. An answer made of the passages' sentences (the offline model)
 * is not quoted a second time; a paraphrasing model's sources show what they actually say.
 */
export function quotesBeyondAnswer(citation: Citation, answer: string): string[] {
  const said = ` ${words(answer).join(' ')} `;
  const sentences = citation.quote ? citation.quote.split(' … ') : [];
  return sentences.filter((sentence) => {
    const w = words(sentence);
    if (!w.length) return false;
    // Said already when the answer holds a run of at least 80% of the sentence's words.
    const need = Math.ceil(w.length * 0.8);
    for (let i = 0; i + need <= w.length; i++) if (said.includes(` ${w.slice(i, i + need).join(' ')} `)) return false;
    return true;
  });
}

/** Citations that the text actually mentions with a marker (never everything retrieved). */
export function citedInText(text: string, citations: Citation[]): Citation[] {
  return citations.filter((c) => text.includes(`[${c.n}]`));
}

/**
 * The answer as plain text for the clipboard: the markers kept, and one footnote per citation with
 * the article, section, supporting quote and an absolute link to the passage.
 */
export function answerWithFootnotes(text: string, citations: Citation[], origin: string, href: (c: Citation) => string = (c) => c.url): string {
  const cited = citedInText(text, citations).sort((a, b) => a.n - b.n);
  if (!cited.length) return stripMarkers(text).trim();
  const notes = cited.map((c) => {
    const quote = c.quote ? ` “${c.quote}”` : '';
    return `[${c.n}] ${c.title} — ${c.section}.${quote} ${new URL(href(c), origin).href}`;
  });
  return `${text.trim()}\n\nSources:\n${notes.join('\n')}`;
}
