import nlp from 'compromise';

/**
 * Makes a passage sentence stand on its own in an answer, the way an editor quoting it would: a
 * leading discourse connective ("However,", "Furthermore,") is dropped, and a leading "It"/"They"
 * (or "Its") is replaced by the subject of the sentence before it ("Magnesium promotes…"). What
 * cannot be resolved this way ("This is because…", "These drugs…") is reported, and the caller
 * brings the previous sentence along or leaves the sentence out.
 */

/** Connectives that only link a sentence to the one before; the claim stands without them. */
const CONNECTIVE = /^(however|furthermore|moreover|additionally|therefore|thus|hence|consequently|similarly|likewise|indeed|importantly|notably|crucially|interestingly|ultimately|meanwhile|conversely)\b,?\s+|^(in addition|also|as a result|in fact|specifically|in particular|overall|in short|in summary|finally|for (example|instance)|in turn|in contrast|still|instead),\s+/i;
/** "Another study…" names a new thing: "A study…" says the same on its own. */
const ANOTHER = /^another\s+(?=\S)/i;
/** Pronouns that a subject can replace. */
const PRONOUN = /^(it|they)\b(?!'s|’s)\s+/i;
const POSSESSIVE = /^its\s+/i;
/** Starts that lean on the sentence before and cannot be rewritten (carry the previous sentence). */
export const LEANS = /^(this|these|that|those|it|its|they|their|them|such|he|she|his|her|here|there|other|another|both|the latter|the former|and|or|but|so|because|which|then)\b/i;
/** "these drugs", "those proteins" in a sentence's first words point back to the sentence before. */
const REFERS_BACK = /^(?:\S+\s+){0,8}?((these|those)\s+[a-z]+s\b|(of|among|like|from|both|all|each|one|two|many|some|most) (these|those|them)\b)/i;

/** Upper-cases the first letter (after an opening quote or bracket). */
export const capitalise = (s: string) => s.replace(/^(["'“(]?)([a-z])/, (_, q: string, c: string) => q + c.toUpperCase());

interface Term {
  text: string;
  tags: string[];
  post: string;
}

/**
 * The subject of a sentence when it is a short noun phrase at its start ("Magnesium", "Vitamin K2",
 * "A deficiency in vitamin K"), with whether it is plural; null when the sentence opens otherwise
 * ("While…", "If…", "These…") or the phrase is long.
 */
export function subjectOf(sentence: string): { text: string; plural: boolean } | null {
  const own = nounPhraseAtStart(sentence);
  if (own) return own;
  // "Of the fat-soluble vitamins, vitamin K2 has…", "While K1 clots blood, K2 directs…": the main clause's subject.
  const intro = /^(?:[^,]{3,80}),\s+(?=[A-Za-z])/.exec(sentence);
  return intro && /^(of|among|in|for|while|although|though|unlike|like|beyond|besides|as|when|if|whereas)\b/i.test(sentence) ? nounPhraseAtStart(sentence.slice(intro[0].length)) : null;
}

function nounPhraseAtStart(sentence: string): { text: string; plural: boolean } | null {
  const plain = sentence.replace(/\s*\([^)]*\)/g, '').replace(/^[^:]{1,40}:\s+(?=[A-Z])/, (label) => (/^[A-Z][\w-]*(\s[A-Z0-9][\w-]*){0,3}:\s+$/.test(label) ? '' : label));
  const terms = (nlp(plain).terms().json() as { terms: Term[] }[]).map((t) => t.terms[0]);
  const out: Term[] = [];
  for (const t of terms) {
    const tags = new Set(t.tags);
    const word = t.text.toLowerCase();
    if (!out.length && (tags.has('Pronoun') || /^(this|these|that|those|such|while|if|when|although|because|as|since|for|in|to|by|with|without|despite|after|before|once|unlike|beyond|among|during|some|many|most|several|other|another|both|each|all)$/.test(word))) return null;
    if (!out.length && (tags.has('Gerund') || tags.has('Verb') && !tags.has('Acronym'))) return null;
    const verb = tags.has('Verb') && !tags.has('Gerund') && !tags.has('Acronym');
    if (verb || tags.has('Adverb') && out.length) break;
    out.push(t);
    if (/[,;:]/.test(t.post)) break;
  }
  if (!out.length || out.length > 6 || !out.some((t) => t.tags.includes('Noun'))) return null;
  if (out[out.length - 1].tags.includes('Preposition') || out[out.length - 1].tags.includes('Determiner')) return null;
  const text = out.map((t, i) => t.text + (i < out.length - 1 ? t.post.replace(/[,;:]/g, '') || ' ' : '')).join('').trim();
  const head = out[out.length - 1];
  const plural = head.tags.includes('Plural') || out.some((t) => t.text.toLowerCase() === 'and');
  return { text, plural };
}

export interface StandAlone {
  /** The sentence as it reads on its own. */
  text: string;
  /** True when it still leans on the sentence before (that one must come along, or it is left out). */
  leans: boolean;
}

/**
 * The sentence rewritten to stand alone, given the (already resolved) sentence before it in the
 * passage. Only the first words change, and only by dropping a connective or naming the subject
 * the pronoun stands for, so the claim and its quote stay the passage's own.
 */
export function standAlone(sentence: string, previous?: string): StandAlone {
  let text = sentence;
  const connective = CONNECTIVE.exec(text);
  if (connective) text = capitalise(text.slice(connective[0].length));
  if (ANOTHER.test(text)) text = text.replace(ANOTHER, (_, offset: number) => (/^[aeiou]/i.test(text.slice(7).trim()) ? 'An ' : 'A '));
  const pronoun = PRONOUN.exec(text);
  const possessive = POSSESSIVE.exec(text);
  if ((pronoun || possessive) && previous) {
    const subject = subjectOf(previous);
    const wanted = pronoun ? /^they/i.test(pronoun[1]) : false;
    if (subject && subject.plural === wanted && (pronoun || subject.text.split(/\s+/).length <= 3)) {
      const name = subject.text;
      const rest = text.slice((pronoun ?? possessive)![0].length);
      text = capitalise(pronoun ? `${name} ${rest}` : `${name}'s ${rest}`);
      return { text, leans: false };
    }
  }
  return { text, leans: LEANS.test(text) || REFERS_BACK.test(text) };
}
