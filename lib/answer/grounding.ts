import { splitSentences } from '../text/sentences';
import { markersBeforePunctuation, markersIn, stripMarkers } from './citations';
import { quantitiesIn } from './quantities';
import { missingNumbers, termSupport } from './support';
import type { GroundingCheck } from './types';

/** Share of a sentence's content terms that its cited passages must contain. */
export const SUPPORT_THRESHOLD = 0.6;
/** Share of an answer's claims that may be unsupported before the answer is not shown. */
export const MAX_UNSUPPORTED_SHARE = 0.5;

/** Sentences that send the reader to a clinician: advice, not a claim about the sources. */
const REFERRAL = /\b(talk|speak|check|consult|ask|see)\b.{0,40}\b(doctor|pharmacist|clinician|physician|health ?care|provider|dietitian)s?\b/i;
/** Sentences about the sources themselves ("The articles do not say how much…"). */
const META = /\b(articles?|sources?|passages?)\b.{0,40}\b(do not|don't|does not|doesn't|did not|not)\b.{0,30}\b(cover|say|mention|address|discuss|state|specify|give)/i;

/** A sentence that states a fact the sources must back: uncited advice and remarks about the sources are not. */
export function isClaim(sentence: string): boolean {
  if (markersIn(sentence).length || quantitiesIn(stripMarkers(sentence)).length) return true;
  return !REFERRAL.test(sentence) && !META.test(sentence);
}

/**
 * Checks each claim of an answer against the passages it cites. A sentence is supported when
 * (1) it cites at least one given passage, (2) every number, dose and numbered name in it is stated
 * in a cited passage with the same unit (see `unbackedQuantities`), and (3) at least
 * SUPPORT_THRESHOLD of its content terms (stemmed, stop words removed) occur in the cited passages.
 * `passages` maps answer citation numbers to passage text (its section heading may be prefixed).
 */
export function checkGrounding(answer: string, passages: Map<number, string>): GroundingCheck[] {
  const checks: GroundingCheck[] = [];
  for (const paragraph of markersBeforePunctuation(answer).split(/\n+/)) {
    for (const { text } of splitSentences(paragraph)) {
      const check = checkSentence(text, passages);
      if (check) checks.push(check);
    }
  }
  return checks;
}

/**
 * The check of one sentence (its markers in the numbering of `passages`), or null when it states no
 * fact to back (uncited advice, remarks about the sources, punctuation only).
 */
export function checkSentence(text: string, passages: Map<number, string>): GroundingCheck | null {
  const sentence = text.replace(/^[-*•]\s+|^\d+[.)]\s+/, '');
  if (!/[\p{L}\d]/u.test(sentence) || !isClaim(sentence)) return null;
  const cited = markersIn(sentence).filter((n) => passages.has(n));
  if (!cited.length) return { sentence, cited, supported: false, reason: 'no citation' };
  const evidence = cited.map((n) => passages.get(n)!).join('\n');
  const missing = missingNumbers(sentence, evidence);
  const support = termSupport(sentence, evidence);
  if (missing.length) return { sentence, cited, supported: false, reason: `numbers not in the cited source: ${missing.join(', ')}` };
  if (support < SUPPORT_THRESHOLD) return { sentence, cited, supported: false, reason: `only ${Math.round(support * 100)}% of its terms are in the cited source` };
  return { sentence, cited, supported: true };
}

export interface GroundingVerdict {
  claims: number;
  unsupported: number;
  /** True when the answer should not be shown: no claims, or more than MAX_UNSUPPORTED_SHARE unsupported. */
  reject: boolean;
}

export function groundingVerdict(checks: GroundingCheck[]): GroundingVerdict {
  const unsupported = checks.filter((c) => !c.supported).length;
  return { claims: checks.length, unsupported, reject: !checks.length || unsupported / checks.length > MAX_UNSUPPORTED_SHARE };
}
