import { describe, expect, it } from 'vitest';
import redFlagFile from '@/corpus/red-flags.json';
import { analyzeQuestion } from '@/lib/answer/analyze';
import { compileTriage, redFlags, type RedFlagFile } from '@/lib/answer/triage';

/** Triage as the app runs it: chat spellings expanded and misspellings corrected first. */
const flags = (message: string) => analyzeQuestion(message, { passages: [] }).redFlags.map((f) => f.id);

describe('the red-flag table', () => {
  const rows = (redFlagFile as RedFlagFile).rows;

  it.each(rows.map((r) => [r.id, r.example] as const))('row %s matches its own example', (id, example) => {
    expect(flags(example)).toContain(id);
  });

  it.each(rows.filter((r) => r.near_miss).map((r) => [r.id, r.near_miss!] as const))('row %s: its near miss "%s" is no emergency', (_id, nearMiss) => {
    expect(flags(nearMiss)).toEqual([]);
  });

  it('refuses a table that names a set it does not define', () => {
    const broken: RedFlagFile = { sets: {}, rows: [{ id: 'x', sign: 'x', all: [['@nowhere']], example: 'x' }] };
    expect(() => compileTriage(broken)).toThrow(/unknown or circular set @nowhere/);
  });

  it('a row with an "unless" word does not match a question about likelihood', () => {
    expect(redFlags('I think my husband is having a stroke')).not.toEqual([]);
    expect(redFlags('Does K2 lower my chance of having a stroke?')).toEqual([]);
  });
});

describe('emergencies in many phrasings are routed', () => {
  it.each([
    // stroke
    'My dad is having a stroke, his mouth is drooping',
    'One side of my face feels numb and my words come out slurred',
    'my wifes smile is lopsided all of a sudden and she cant raise her right arm',
    'grandpa is talking funny, his speech is garbled and he seems disoriented out of nowhere',
    'Mum suddenly cannot move her left leg and her face looks droopy. She takes vitamin D and K2, could that be it?',
    // heart
    'I have crushing chest pain going down my arm',
    'My chest feels tight and the pain spreads to my jaw',
    'chest presure for an hour now and im sweaty and sick, been taking calcium',
    'think im having a heart attak',
    // breathing / allergy
    "I can't breathe properly after taking my pills",
    'my son is wheezing badly and struggling to breathe',
    'Should I call 911? My lips are swelling after a new supplement',
    'my tonge is swollen and my throat is closing up after the magnesium',
    'his lips look blue and he is gasping',
    'I was stung by a wasp, my eyes are puffing up and I have hives all over',
    // collapse / seizure
    'my husband collapsed in the kitchen and is not responding',
    'My mother passed out and we cant wake her',
    'I think my wife is having a seizure',
    'my daughter has been convulsing for 3 minutes',
    // self-harm
    'I want to end my life',
    "honestly i'm thinking about killing myself tonight",
    'i dont want to live anymore, can magnesium help with how i feel',
    // poisoning
    'I took a whole bottle of vitamin D pills an hour ago',
    'My toddler swallowed a handful of my vitamin D tablets',
    'my 2 yr old ate some of the gummy vitamins on the counter',
    'our baby got into grandads warfarin',
    'I just took a double dose of warfarin by mistake and feel dizzy',
    'i accidently took way too many D3 capsules and keep throwing up',
    // blood thinners
    "I'm on warfarin and my nose bleeding won't stop",
    'on coumadin and i cut my finger, its been bleeding for 40 minutes and wont stop',
    'My father takes Eliquis and he fell down the stairs and hit his head',
    'grandma slipped and banged her head this morning, she takes jantoven and is now very sleepy',
    'I take blood thinners and I am coughing up blood',
    'there is blood in my stool and it looks black, I am on warfarin for my heart',
    'threw up something that looks like coffee grounds, im on xarelto',
    'gums bleeding heavily for over an hour, on warfarin',
    // headache, asking for help
    'I have the worst headache of my life and I take warfarin',
    'sudden severe headache, like a thunderclap, an hour ago',
    'do i need an ambulance? my dad is confused and vomiting after a fall',
    'Quick question about K2 but first: my friend is unconscious on the floor',
    'vitamin K question - my husband on warfarin fell off a ladder and knocked his head',
  ])('"%s"', (message) => {
    expect(flags(message)).not.toEqual([]);
  });
});

describe('questions about symptoms, doses and bleeding risk in general are answered, not routed', () => {
  it.each([
    'Can vitamin K2 lower the risk of stroke?',
    'Does arterial calcification cause heart attacks?',
    'Can you overdose on vitamin D supplements in general?',
    'Is chest pain a symptom of calcification?',
    'What happens with bleeding risk on warfarin?',
    'Can vitamin K2 reduce the risk of heart attack and stroke?',
    'Is numbness a sign of magnesium deficiency?',
    'What dose of MK-7 did the studies use?',
    'Does warfarin cause calcification of heart valves?',
    'How much vitamin D is too much?',
    'Can calcification in arteries cause chest pain later in life?',
    'Which symptoms does vitamin D toxicity cause?',
    'What are the warning signs of a stroke?',
    'Does vitamin K make warfarin bleed less?',
    'Can people on blood thinners eat natto?',
    'Is bleeding a side effect of vitamin K2?',
    'What happens if someone takes too much vitamin D for months?',
    'Could high calcium cause confusion or vomiting?',
    'Can calciphylaxis be painful?',
    'Do kidney stones come from calcium deposits?',
    'Does magnesium deficiency cause seizures or muscle cramps?',
    'Is it dangerous to take 10,000 IU of vitamin D a day?',
    'Why does warfarin speed up arterial calcification?',
    'My mum takes warfarin. Can she eat cheese and eggs?',
    'I had a stroke two years ago. Can K2 help my arteries?',
    'My dad is on warfarin, should he avoid leafy greens?',
    'I bruise easily since starting warfarin, is vitamin K2 safe for me?',
    'Can too much calcium make your heart race?',
    'Does a high CAC score mean I will have a heart attack?',
    'Which vitamins should children take for strong bones?',
    'How many micrograms of K2 should an adult take?',
    'Is shortness of breath linked to vitamin D deficiency?',
    'I get headaches when I take magnesium, is that normal?',
    'what does calcium in the arteries do to blood pressure',
    'Can vitamin D gummies be taken with K2?',
    'Does vitamin K affect blood clotting?',
    'Can low vitamin K cause nosebleeds?',
    'Does hypercalcemia cause fatigue and weakness?',
    'Is it safe to take magnesium with blood pressure pills?',
    'I take aspirin daily, is K2 a problem?',
    'Does vitamin K2 lower the chance of having a heart attack?',
    'Could my swollen ankles be from calcium supplements?',
  ])('"%s"', (message) => {
    expect(flags(message)).toEqual([]);
  });
});
