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

describe('isEmergency (more signs, no false alarms)', () => {
  it.each([
    'One side of my face feels numb and my words come out slurred',
    'My toddler swallowed a handful of my vitamin D tablets',
    'I just took a double dose of warfarin by mistake and feel dizzy',
    'My chest feels tight and the pain spreads to my jaw',
    'I think my wife is having a seizure',
    'Should I call 911? My lips are swelling after a new supplement',
  ])('routes "%s" to the emergency reply', (q) => {
    expect(isEmergency(q)).toBe(true);
  });

  it.each([
    'Can vitamin K2 reduce the risk of heart attack and stroke?',
    'Is numbness a sign of magnesium deficiency?',
    'What dose of MK-7 did the studies use?',
    'Does warfarin cause calcification of heart valves?',
    'How much vitamin D is too much?',
    'Can calcification in arteries cause chest pain later in life?',
  ])('answers "%s" from the articles instead', (q) => {
    expect(isEmergency(q)).toBe(false);
  });
});
