import { describe, expect, it } from 'vitest';
import { isEmergency } from '@/lib/answer/safety';

describe('isEmergency', () => {
  it.each([
    'My dad is having a stroke, his mouth is drooping',
    "I can't breathe properly after taking my pills",
    'I took a whole bottle of vitamin D pills an hour ago',
    'I want to end my life',
    'I have crushing chest pain going down my arm',
    "I'm on warfarin and my nose bleeding won't stop",
  ])('routes "%s" to the emergency reply', (q) => {
    expect(isEmergency(q)).toBe(true);
  });

  it.each([
    'Can vitamin K2 lower the risk of stroke?',
    'Does arterial calcification cause heart attacks?',
    'Can you overdose on vitamin D supplements in general?',
    'Is chest pain a symptom of calcification?',
    'What happens with bleeding risk on warfarin?',
  ])('answers "%s" from the articles instead', (q) => {
    expect(isEmergency(q)).toBe(false);
  });
});
