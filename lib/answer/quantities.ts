/** Numbers, doses and numbered names ("MK-7", "D3") in text, for checking that claims keep them. */
import { stripMarkers } from './citations';

const UNITS: [RegExp, string][] = [
  [/^(mcg|µg|μg|ug|micrograms?)$/i, 'mcg'],
  [/^(mg|milligrams?)$/i, 'mg'],
  [/^(g|grams?)$/i, 'g'],
  [/^(iu|ius|international units?)$/i, 'iu'],
  [/^(%|percent|per cent)$/i, '%'],
  [/^ng\/ml$/i, 'ng/ml'],
  [/^nmol\/l$/i, 'nmol/l'],
  [/^(years?|yrs?)$/i, 'year'],
  [/^months?$/i, 'month'],
  [/^weeks?$/i, 'week'],
  [/^days?$/i, 'day'],
  [/^(times|fold)$/i, 'times'],
];
const UNIT_WORDS = 'mcg|µg|μg|ug|micrograms?|mg|milligrams?|grams?|g|iu|ius|international units?|%|percent|per cent|ng/ml|nmol/l|years?|yrs?|months?|weeks?|days?|times|fold';
const NUMBER = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
/** A number not glued to a name ("K2", "MK-7"), an optional range end, an optional unit. */
const QUANTITY = new RegExp(
  String.raw`(?<![\p{L}\d.]|\p{L}-)(${NUMBER})(?:\s*(?:-|–|to)\s*(${NUMBER}))?(?:\s*(${UNIT_WORDS})(?![\p{L}]))?`,
  'giu',
);
/** Numbered names: vitamin K2, D3, MK-4, MK-7, B12. */
const NAMED = /\b([A-Za-z]{1,3})-?(\d{1,2})\b/g;

export interface Quantity {
  value: string;
  unit?: string;
  /** As written, for messages. */
  text: string;
}

const normalUnit = (u?: string) => (u ? (UNITS.find(([re]) => re.test(u.trim()))?.[1] ?? u.toLowerCase()) : undefined);
const normalNumber = (n: string) => n.replace(/,/g, '');

export function quantitiesIn(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    const unit = normalUnit(m[3]);
    out.push({ value: normalNumber(m[1]), unit, text: m[2] ? `${m[1]}` + (unit ? ` ${m[3]}` : '') : m[0].trim() });
    if (m[2]) out.push({ value: normalNumber(m[2]), unit, text: `${m[2]}${unit ? ` ${m[3]}` : ''}` });
  }
  return out;
}

export function namesIn(text: string): { prefix: string; name: string; text: string }[] {
  return [...text.matchAll(NAMED)].map((m) => ({ prefix: m[1].toUpperCase(), name: `${m[1].toUpperCase()}${m[2]}`, text: m[0] }));
}

/**
 * The numbers and doses of a claim that its evidence does not back: a number the evidence never
 * states, a number it states only with another unit ("100 mg" where the passage says "100 mcg"), or a
 * numbered name changed into a sibling ("MK-4" where the passage speaks only of MK-7).
 */
export function unbackedQuantities(claim: string, evidence: string): string[] {
  const have = quantitiesIn(evidence);
  const missing: string[] = [];
  const text = stripMarkers(claim);
  for (const q of quantitiesIn(text)) {
    const same = have.filter((h) => h.value === q.value);
    if (!same.length) missing.push(q.text);
    else if (q.unit && !same.some((h) => h.unit === q.unit || h.unit === undefined)) missing.push(q.text);
  }
  const names = namesIn(evidence);
  const nameSet = new Set(names.map((n) => n.name));
  for (const n of namesIn(text)) {
    if (!nameSet.has(n.name) && names.some((e) => e.prefix === n.prefix)) missing.push(n.text);
  }
  return [...new Set(missing)];
}
