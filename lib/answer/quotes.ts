import type { Passage } from '../chunk/types';
import { splitSentences, type SentenceSpan } from '../text/sentences';
import { numbersIn } from '../text/terms';
import { markersBeforePunctuation, markersIn, stripMarkers } from './citations';
import { termSupport } from './support';
import { citationHref, sourceUrl } from './links';
import type { Citation } from './types';

export { citationHref, sourceUrl };

/** Words of a text for comparing claims with sentences: lower case, letters and digits only. */
const wordsOf = (text: string) => text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Longest run of `needle`'s words found contiguously in `hay` (both as word lists). */
function longestRun(needle: string[], hay: string[]): number {
  const joined = ` ${hay.join(' ')} `;
  let best = 0;
  for (let i = 0; i < needle.length - best; i++) {
    for (let j = needle.length; j > i + best; j--) {
      if (joined.includes(` ${needle.slice(i, j).join(' ')} `)) {
        best = j - i;
        break;
      }
    }
  }
  return best;
}

/**
 * The sentence(s) of a passage that support a claim. When the claim repeats passage sentences (the
 * offline model quotes; models often copy), those sentences — a list lead-in and its items included.
 * Otherwise the sentence sharing most of the claim's terms (numbers must match), plus a neighbour
 * when the claim spans two sentences.
 */
export function selectQuote(claim: string, passage: string): SentenceSpan[] {
  const sentences = splitSentences(passage);
  if (!sentences.length) return [];
  const plain = stripMarkers(claim);
  const claimWords = wordsOf(plain);
  const repeated = sentences.filter((s) => {
    const w = wordsOf(s.text);
    return w.length >= 2 && longestRun(w, claimWords) >= Math.max(2, Math.ceil(w.length * 0.8));
  });
  if (repeated.length && repeated.reduce((n, s) => n + wordsOf(s.text).length, 0) >= claimWords.length * 0.5) return repeated;

  const numbers = numbersIn(plain);
  const scored = sentences.map((s, i) => {
    const have = new Set(numbersIn(s.text));
    const numberShare = numbers.length ? numbers.filter((n) => have.has(n)).length / numbers.length : 0;
    return { s, i, score: termSupport(plain, s.text) + 0.25 * numberShare };
  });
  const best = [...scored].sort((a, b) => b.score - a.score)[0];
  const picks = [best];
  for (const next of [scored[best.i - 1], scored[best.i + 1]]) {
    if (!next || best.score >= 0.9) continue;
    const both = sentences.slice(Math.min(next.i, best.i), Math.max(next.i, best.i) + 1);
    if (termSupport(plain, both.map((s) => s.text).join(' ')) - termSupport(plain, best.s.text) > 0.15) {
      picks.push(next);
      break;
    }
  }
  return picks.sort((a, b) => a.i - b.i).map((p) => p.s);
}

/** Answer sentences (claims) by the citation numbers they carry. */
export function claimsByCitation(answer: string): Map<number, string[]> {
  const claims = new Map<number, string[]>();
  for (const paragraph of markersBeforePunctuation(answer).split(/\n+/)) {
    for (const { text } of splitSentences(paragraph)) {
      for (const n of markersIn(text)) claims.set(n, [...(claims.get(n) ?? []), text]);
    }
  }
  return claims;
}

/**
 * Builds the citation list of a finished answer: for each cited passage (answer numbering), the
 * passage sentences that support the answer sentences citing it, with their offsets.
 */
export function buildCitations(answer: string, cited: Passage[]): Citation[] {
  const claims = claimsByCitation(answer);
  return cited.map((passage, i) => {
    const n = i + 1;
    const spans = new Map<number, SentenceSpan>();
    // One entry per marker, in text order: the sentence(s) that support the claim carrying it.
    const supports = (claims.get(n) ?? []).map((claim) => {
      const picked = selectQuote(claim, passage.text).sort((a, b) => a.start - b.start);
      for (const s of picked) spans.set(s.start, s);
      return { claim: stripMarkers(claim), quote: picked.map((s) => s.text).join(' … '), quoteSpans: picked.map(({ start, end }) => ({ start, end })) };
    });
    const ordered = [...spans.values()].sort((a, b) => a.start - b.start);
    const quoteSpans = ordered.map(({ start, end }) => ({ start, end }));
    return {
      n,
      passageId: passage.id,
      docId: passage.docId,
      title: passage.title,
      section: passage.section,
      quote: ordered.map((s) => s.text).join(' … '),
      quoteSpans,
      claims: supports,
      passage: passage.text,
      // The link the chat's markers follow: the passage, with its supporting sentences marked.
      url: citationHref({ docId: passage.docId, passageId: passage.id, quoteSpans, url: sourceUrl(passage) }),
    };
  });
}
