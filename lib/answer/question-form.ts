import nlp from 'compromise';

/**
 * What kind of answer a question asks for, read from its grammar rather than its topic words: the
 * first sentence of an answer should respond to this form (a definition for "what is", a number for
 * "how much", a mechanism for "how"/"why", a list for "which foods", the claim itself for yes/no).
 */
export type QuestionForm = 'definition' | 'function' | 'quantity' | 'list' | 'how-why' | 'yes-no' | 'open';

/**
 * A question about the asker's own case ("should I start…", "is it safe to take…", "can we double…",
 * "I'm on warfarin", "my mum takes…"): it gets the articles' caution (consult a clinician). The one
 * rule for that, used where the caution is looked for and where it is kept in the answer.
 */
const OWN_CASE =
  /\b(should|can|could|may|do) (i|she|he|we|my)\b[^?]*\b(take|start|stop|add|double|increase|use|supplement|combine|switch|give)|\b(should (i|she|he|we|my)|can i|could i|may i|do i|do i need)\b|\bis it (safe|ok|okay|wise|fine|bad|alright)\b|\b(i'?m|i’m|i am) (on|taking)\b|\bi take\b|\bmy (mum|mom|dad|father|mother|husband|wife|partner)\b/i;
export const isOwnCase = (question: string) => OWN_CASE.test(question);

/** Openers people put before the question itself ("so", "ok", "hey", "and", "quick question:"). */
const FILLER = /^((so|ok|okay|hey|hi|hello|and|but|also|well|um|hmm|quick question|question|then|right)\b[\s,:;!-]*)+/i;

const QUANTITY = /\b(how (much|many|long|often|high|low|big|soon|quickly|fast)|what (dose|dosage|amount|quantity|level|percentage|proportion|period|age|range)|over what (period|time)|at what (dose|age|level)|what('s| is) the (dose|dosage|amount|range|limit|upper limit))\b/i;
const DEFINITION = /^(what('s| is| are| was| were)|whats|define|who (is|are)|what does [^?]{1,40}\b(mean|stand for)|what is meant by|meaning of)\b/i;
const FUNCTION = /^(what (does|do|did) .+\b(do|does)\b|what (role|function|job|purpose)\b|what('s| is| are) (the )?(role|function|job|purpose|point)s? of|what (is|are) .+ (for|good for)\b\??$)/i;
const HOW_WHY = /^(how|why)\b|\b(how come|what causes|what happens|in what way|what (leads|led) to|what makes)\b/i;
const YES_NO = /^(is|are|am|was|were|can|could|does|do|did|should|shall|will|would|has|have|had|may|might|must|isn't|aren't|doesn't|don't|won't|wouldn't|shouldn't|can't)\b/i;
/** "list", "name some", "examples of", "sources of", "which …": asking for several things. */
const LIST = /\b(list|name (some|a few|the)|examples? of|sources? of|kinds of|types of|what foods|which foods)\b/i;

/** The sentence that asks: the last one ending in "?", else the last one. */
function askingSentence(text: string): string {
  const sentences = text.split(/(?<=[?.!])\s+/).map((s) => s.trim()).filter(Boolean);
  const asks = sentences.filter((s) => s.endsWith('?'));
  return (asks.length ? asks[asks.length - 1] : sentences[sentences.length - 1] ?? '').replace(FILLER, '').trim();
}

/** "Which X…" / "What X…" with a plural noun right after the question word ("which foods", "what nutrients"). */
function asksForSeveral(sentence: string): boolean {
  const m = /^(which|what)\s+(\S+)(\s+\S+)?/i.exec(sentence);
  if (!m) return false;
  const doc = nlp(`${m[2]}${m[3] ?? ''}`);
  const first = doc.terms().json()[0] as { terms: { tags: string[] }[] } | undefined;
  const tags = first?.terms[0]?.tags ?? [];
  if (tags.includes('Plural')) return true;
  // "which other foods", "what key nutrients": an adjective before the plural noun.
  const second = doc.terms().json()[1] as { terms: { tags: string[] }[] } | undefined;
  return tags.includes('Adjective') && !!second?.terms[0]?.tags.includes('Plural');
}

export function questionForm(text: string): QuestionForm {
  const s = askingSentence(text);
  if (!s) return 'open';
  if (QUANTITY.test(s)) return 'quantity';
  if (LIST.test(s) || /^where\b/i.test(s) || asksForSeveral(s) || /^what are (the|some)\s+\S+s\b/i.test(s)) return 'list';
  if (FUNCTION.test(s)) return 'function';
  if (HOW_WHY.test(s)) return 'how-why';
  if (DEFINITION.test(s) && s.split(/\s+/).length <= 8) return 'definition';
  if (YES_NO.test(s) || /,\s*(right|correct|true|yes)\s*\?$/i.test(s)) return 'yes-no';
  return 'open';
}

const NUMBER_WORDS = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen|half|double|twice)\b/i;
const UNITS = /\b(mcg|µg|μg|mg|micrograms?|milligrams?|iu|units?|%|percent|months?|years?|weeks?|days?|hours?|daily|per day|a day)\b/i;
const DEFINES = /\b(is|are) (a|an|the|one of)\b|\b(refers? to|means|stands? for|(known|referred to) as|called|defined as|a type of|a form of)\b|, or (the )?[a-z][^,]{3,60},|\([A-Z][A-Za-z0-9-]{1,10}s?\)/;
const EXPLAINS = /\b(because|by [a-z]+ing|which (leads?|results?|causes?|means?|makes?|allows?)|leading to|resulting in|so that|this is why|thereby|through|due to|when|if|without)\b/i;
const DOES = /\b(activat|direct|regulat|help|prevent|inhibit|promot|ensur|enabl|support|enhanc|bind|transport|guid|control|function|role|responsib|necessary|essential|requir|crucial|key)\w*/i;
const ENUMERATES = /,[^,]+,|\binclud(e|es|ing)\b|:\s*\S/i;

/**
 * How well one sentence has the shape the question asks for (0..1). The topic is scored apart
 * (coverage); this is only the form: a number with a unit for "how much", a defining verb for
 * "what is", an explanation for "how/why", an enumeration for a list.
 */
export function formFit(form: QuestionForm, sentence: string, isList = false): number {
  if (isList) return form === 'list' ? 1 : 0;
  switch (form) {
    case 'quantity':
      return /\d/.test(sentence) ? (UNITS.test(sentence) ? 1 : 0.7) : NUMBER_WORDS.test(sentence) && UNITS.test(sentence) ? 0.8 : 0;
    case 'definition':
      return DEFINES.test(sentence.split(/\s+/).slice(0, 12).join(' ')) ? 1 : 0;
    case 'function':
      return DOES.test(sentence) ? 1 : 0;
    case 'how-why':
      return EXPLAINS.test(sentence) ? 1 : 0;
    case 'list':
      return ENUMERATES.test(sentence) ? 0.6 : 0;
    default:
      return 0;
  }
}
