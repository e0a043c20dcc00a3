import { describe, expect, it } from 'vitest';
import { checkGrounding, groundingVerdict, isClaim } from '@/lib/answer/grounding';
import { quantitiesIn, unbackedQuantities } from '@/lib/answer/quantities';

describe('quantities', () => {
  it('reads numbers with units, ranges and thousands separators, but not the digits of names', () => {
    expect(quantitiesIn('Take 100-200 mcg of MK-7 with 4,800 IU of vitamin D3; 30% responded.')).toEqual([
      { value: '100', unit: 'mcg', text: '100 mcg' },
      { value: '200', unit: 'mcg', text: '200 mcg' },
      { value: '4800', unit: 'iu', text: '4,800 IU' },
      { value: '30', unit: '%', text: '30%' },
    ]);
  });

  it('flags a changed number, a changed unit and a changed numbered name, and accepts unit spellings', () => {
    const evidence = 'Trials used 180 µg of MK-7 daily for 3 years.';
    expect(unbackedQuantities('Trials used 180 micrograms of MK-7 daily for 3 years [1].', evidence)).toEqual([]);
    expect(unbackedQuantities('Trials used 1800 micrograms of MK-7 [1].', evidence)).toEqual(['1800 micrograms']);
    expect(unbackedQuantities('Trials used 180 mg of MK-7 [1].', evidence)).toEqual(['180 mg']);
    expect(unbackedQuantities('Trials used 180 µg of MK-4 [1].', evidence)).toEqual(['MK-4']);
    // A name the evidence does not mention at all is left to the term check, not called "changed".
    expect(unbackedQuantities('Vitamin K2 was used [1].', evidence)).toEqual([]);
  });
});

describe('checkGrounding', () => {
  const passages = new Map([
    [1, 'Dosage\nTypical guidance suggests 90 micrograms of vitamin K per day for adult women.'],
    [2, 'Food Sources\nNatto, a dish of fermented soybeans, is the richest food source of vitamin K2.'],
  ]);

  it('accepts supported sentences, including ones citing two passages', () => {
    const checks = checkGrounding('Adult women need about 90 micrograms of vitamin K per day [1]. Natto, made from fermented soybeans, is the richest source of K2 [1][2].', passages);
    expect(checks.map((c) => c.supported)).toEqual([true, true]);
    expect(checks[1].cited).toEqual([1, 2]);
  });

  it('flags a changed dose, a claim its passage does not make, and an uncited claim', () => {
    const checks = checkGrounding(
      'Adult women need 900 micrograms of vitamin K per day [1]. Zebras gallop across savannas quickly [2]. Vitamin K cures cancer.',
      passages,
    );
    expect(checks.map((c) => c.supported)).toEqual([false, false, false]);
    expect(checks[0].reason).toMatch(/900/);
    expect(checks[1].reason).toMatch(/% of its terms/);
    expect(checks[2].reason).toBe('no citation');
  });

  it('does not count advice to see a clinician or remarks about the articles as claims', () => {
    expect(isClaim('Check with your doctor or pharmacist before changing doses.')).toBe(false);
    expect(isClaim('The articles do not say how much natto to eat.')).toBe(false);
    expect(isClaim('Talk to your doctor: doses above 500 mcg were not studied.')).toBe(true);
    const checks = checkGrounding('Natto is the richest food source of vitamin K2 [2].\n\nCheck with your doctor or pharmacist before changing doses.', passages);
    expect(checks).toHaveLength(1);
  });

  it('rejects an answer when most claims are unsupported or there are none', () => {
    const some = checkGrounding('Natto is the richest food source of vitamin K2 [2]. Adult women need 900 micrograms of vitamin K a day [1].', passages);
    expect(groundingVerdict(some)).toEqual({ claims: 2, unsupported: 1, reject: false });
    const most = checkGrounding('Natto is the richest food source of vitamin K2 [2]. Adult women need 900 micrograms a day [1]. Zebras gallop [2].', passages);
    expect(groundingVerdict(most)).toEqual({ claims: 3, unsupported: 2, reject: true });
    expect(groundingVerdict([]).reject).toBe(true);
  });
});
