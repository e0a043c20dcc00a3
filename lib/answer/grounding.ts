import { splitSentences } from '../text/sentences';
import { markersBeforePunctuation, markersIn } from './citations';
import { CLINICIAN_NOTE } from './safety';
import { missingNumbers, termSupport } from './support';
import type { GroundingCheck } from './types';

/** Sentences the app itself adds (safety advice), which cite nothing by design. */
const OWN_SENTENCES = new Set(splitSentences(CLINICIAN_NOTE).map((s) => s.text));

/** Share of a sentence's content terms that its cited passages must contain. */
export const SUPPORT_THRESHOLD = 0.6;

/**
 * Checks each sentence of an answer against the passages it cites: it must cite something, share
 * most of its content terms with the cited text, and every number in it must appear there.
 * `passages` maps answer citation numbers to passage text.
 */
export function checkGrounding(answer: string, passages: Map<number, string>): GroundingCheck[] {
  const checks: GroundingCheck[] = [];
  for (const paragraph of markersBeforePunctuation(answer).split(/\n+/)) {
    for (const { text } of splitSentences(paragraph)) {
      const sentence = text.replace(/^[-*•]\s+|^\d+[.)]\s+/, '');
      if (!/[\p{L}\d]/u.test(sentence) || OWN_SENTENCES.has(sentence)) continue;
      const cited = markersIn(sentence).filter((n) => passages.has(n));
      if (!cited.length) {
        checks.push({ sentence, cited, supported: false, reason: 'no citation' });
        continue;
      }
      const evidence = cited.map((n) => passages.get(n)!).join('\n');
      const missing = missingNumbers(sentence, evidence);
      const support = termSupport(sentence, evidence);
      if (missing.length) checks.push({ sentence, cited, supported: false, reason: `numbers not in the cited source: ${missing.join(', ')}` });
      else if (support < SUPPORT_THRESHOLD)
        checks.push({ sentence, cited, supported: false, reason: `only ${Math.round(support * 100)}% of its terms are in the cited source` });
      else checks.push({ sentence, cited, supported: true });
    }
  }
  return checks;
}
