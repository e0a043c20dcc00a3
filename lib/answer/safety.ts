export const DISCLAIMER =
  'General information from a small library of articles, not medical advice. Talk to a doctor or pharmacist before changing supplements, diet or medication.';

/**
 * Signs that someone needs emergency care now. Each pattern needs a sign of a present, personal
 * situation ("I'm having", "my chest hurts", "can't breathe"), so questions *about* strokes or
 * overdoses in general are answered from the articles instead.
 */
const EMERGENCY_PATTERNS: RegExp[] = [
  /\b(i'?m|i am|i think i'?m|i might be|he'?s|she'?s|they'?re|someone is|my \w+ is|is) having (a |an )?(stroke|heart attack|seizure|fit|anaphylactic)/i,
  /\b(face|mouth|smile)\b.{0,30}\b(droop|drooping|numb|paraly[sz]ed)/i,
  /\b(slurred|slurring) (speech|words)|\bcan'?t (speak|talk) properly|\bsudden(ly)? (weakness|numbness|confusion|blindness)/i,
  /\b(chest|heart) (pain|pressure|tightness|is hurting|hurts)\b.{0,40}\b(now|right now|arm|jaw|sweat|breath|can'?t)/i,
  /\b(i have|i'?ve got|i'?m having|having) (severe |crushing |sudden )?chest (pain|pressure|tightness)/i,
  /\b(can'?t|cannot|can not|unable to|struggling to|hard to) breathe|\b(trouble|difficulty) breathing|\bnot breathing|\bchoking\b/i,
  /\b(throat|tongue|lips?) (is |are )?(swelling|swollen|closing)/i,
  /\b(i|he|she|they|my \w+) (just )?(took|swallowed|ate|has taken|have taken) (a whole|the whole|an entire|all|too many|way too many|\d{2,})\b.{0,30}\b(pills?|tablets?|capsules?|bottle)/i,
  /\boverdos(ed|ing)\b|\bi (took|have taken) an overdose/i,
  /\b(kill(ing)? myself|suicid(e|al)|end(ing)? my life|self[- ]harm|hurt(ing)? myself|want to die|don'?t want to (live|be alive))/i,
  /\b(unconscious|unresponsive|passed out|collapsed|won'?t wake up)\b/i,
  /\b(bleeding|blood)\b.{0,25}\b(won'?t|will not|doesn'?t|does not|can'?t) stop|\b(coughing|vomiting|throwing) up blood|\bblack,? tarry stool/i,
  /\b(my|his|her) (chest|heart) (hurts|is hurting|feels (tight|crushed|heavy)|is pounding)/i,
  /\b(numb|numbness|weak|weakness|paraly[sz]ed|can'?t move)\b.{0,30}\bone side\b|\bone side of (my|his|her|the|their) (face|body)\b.{0,30}\b(droop|numb|weak|paraly|can'?t)/i,
  /\b(he|she|they|my \w+|i) (is |are |am |'m )?(seizing|convulsing|fainted|fainting|blacked out|turning blue)\b/i,
  /\b(severe|anaphylactic) (allergic )?reaction\b|\banaphylaxis\b/i,
  /\b(child|kid|son|daughter|baby|toddler)\b.{0,40}\b(swallowed|ate|took|got into)\b.{0,40}\b(pills?|tablets?|capsules?|bottle|supplements?|vitamins?|medicine|warfarin)/i,
  /\b(i|he|she|they|my \w+) (just )?(took|swallowed|has taken|have taken) (too much|too many|a double dose|double the dose|an extra dose)\b.{0,40}\b(warfarin|coumadin|blood thinner|pills?|tablets?)/i,
  /\b(worst headache of (my|his|her) life|sudden (severe|terrible) headache)\b/i,
  /\bshould i (call|dial) (911|112|999|an ambulance)\b/i,
];

export function isEmergency(text: string): boolean {
  const t = text.replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
  return EMERGENCY_PATTERNS.some((p) => p.test(t));
}

export const EMERGENCY_REPLY = [
  '**This may be a medical emergency. Call your local emergency number now (911 in the US and Canada, 112 in the EU, 999 in the UK) or get someone to take you to the nearest emergency department.**',
  '',
  'Do not wait for symptoms to pass and do not drive yourself. If you can, stay with someone and follow the dispatcher\'s instructions. If you are thinking about harming yourself, call or text 988 (US) or your local crisis line.',
  '',
  'This assistant only summarises articles about vitamins K2 and D, magnesium and calcification; it cannot help in an emergency.',
].join('\n');

/** Questions about medicines, doses or interactions, where the answer must point to a clinician. */
const MEDICATION_PATTERN =
  /\b(warfarin|coumadin|jantoven|blood[- ]?thinn\w*|anticoagula\w*|vka|acenocoumarol|phenprocoumon|medication|medicine|prescri\w*|drug|dose|doses|dosage|dosing|how much|how many|mg|mcg|µg|microgram\w*|milligram\w*|iu|units|supplement\w* (with|while|on)|interact\w*|pregnan\w*|kidney disease|dialysis)\b/i;

export function isMedicationQuestion(text: string): boolean {
  return MEDICATION_PATTERN.test(text);
}

export const CLINICIAN_NOTE =
  'Check with your doctor or pharmacist before changing doses, supplements or foods that affect your medicines; they can advise on your own situation.';
