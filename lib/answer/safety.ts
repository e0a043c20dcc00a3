export const DISCLAIMER =
  'General information from a small library of articles, not medical advice. Talk to a doctor or pharmacist before changing supplements, diet or medication.';

/** Emergencies are recognised by the red-flag table (`corpus/red-flags.json`, `./triage.ts`). */
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

/** The sentence a partial answer ends with: what the articles don't cover, named plainly. */
export function notCoveredPart(missing: string[]): string {
  const names = [...new Set(missing)].map((m) => `"${m}"`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  return `The articles don't mention ${list}, so this covers only what they say about the rest of your question.`;
}
