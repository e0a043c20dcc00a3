import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createExtractiveModel } from '@/lib/ai/extractive-model';
import { selectSentences, type ExtractiveUnit } from '@/lib/answer/compose-extractive';
import { centrality, feedbackWeights } from '@/lib/answer/feedback';
import type { NumberedSource } from '@/lib/answer/types';

const src = (n: number, text: string, section = 'Notes'): NumberedSource => ({ n, passageId: `p--${n}`, docId: 'p', title: 'P', section, text });
const unit = (keys: string[], weight = 1, extra: Partial<ExtractiveUnit> = {}): ExtractiveUnit => ({ keys: Object.fromEntries(keys.map((k) => [k, 1])), weight, ...extra });
const set = (...keys: string[]) => new Set(keys);

describe('pseudo-relevance feedback', () => {
  it('weighs keys the passages share, not one passage quirks nor the question own keys', () => {
    const w = feedbackWeights(
      [
        [set('gizmo', 'sprocket', 'oil'), set('gizmo', 'oil')],
        [set('sprocket', 'oil', 'lever'), set('oil')],
      ],
      { exclude: set('gizmo') },
    );
    expect(w.has('gizmo')).toBe(false); // asked for
    expect(w.has('lever')).toBe(false); // one passage only
    expect(w.get('sprocket')).toBeGreaterThan(0);
    // "oil" is in every sentence: it says little about which sentence answers.
    expect(w.get('sprocket')!).toBeGreaterThan(w.get('oil')!);
  });

  it('scores a sentence naming shared keys as more central than one naming none', () => {
    const w = new Map([['sprocket', 2]]);
    expect(centrality(set('gizmo', 'sprocket'), w)).toBeGreaterThan(centrality(set('gizmo', 'lever'), w));
  });

  it('leads with the sentence that names what the retrieved passages keep returning to', () => {
    const sources = [
      src(1, 'Gizmos were first sold in a small shop near the harbour. Gizmos need a sprocket to turn the main wheel.'),
      src(2, 'A worn sprocket stops the wheel from turning at all. Replacing the sprocket takes ten minutes.'),
    ];
    const picked = selectSentences({ weights: {}, units: [unit(['gizmo'], 1, { subject: true })], sources });
    expect(picked[0].text).toContain('sprocket');
  });
});

describe('focused citations', () => {
  const units = [unit(['gizmo'], 1, { subject: true }), unit(['wheel'], 1)];

  it('does not cite a second passage that only repeats the first', () => {
    const sources = [
      src(1, 'The gizmo turns the wheel with a small electric motor.'),
      src(2, 'Every gizmo turns a wheel, according to the maker of the device.'),
    ];
    const picked = selectSentences({ weights: {}, units, sources });
    expect(new Set(picked.map((p) => p.n))).toEqual(new Set([1]));
  });

  it('cites a second passage when it answers a part of the question the first does not', () => {
    const sources = [
      src(1, 'The gizmo turns the wheel with a small electric motor.'),
      src(2, 'A gizmo also needs oil for its gearbox, or it jams quickly.'),
    ];
    const picked = selectSentences({ weights: {}, units: [...units, unit(['oil'], 1)], sources });
    expect(new Set(picked.map((p) => p.n))).toEqual(new Set([1, 2]));
  });

  it('carries the sentence before one that refers back with "these …s"', () => {
    const sources = [src(1, 'Blockers such as fooxin stop the gizmo from recycling its fuel. By doing so, these drugs leave the wheel stuck and unable to turn.')];
    const picked = selectSentences({ weights: {}, units: [unit(['wheel'], 1)], sources });
    expect(picked[0].parts[0]).toContain('fooxin');
    expect(picked[0].parts[1]).toContain('these drugs');
  });
});

describe('cautions', () => {
  const sources = [
    src(1, 'Fooxin slows the gizmo down by blocking its fuel recycling.'),
    src(2, 'People taking fooxin should consult a doctor before changing their gizmo fuel.'),
  ];
  const units = [unit(['fooxin'], 2, { subject: true }), unit(['doctor'], 0.5, { caution: true })];

  it('answers "how does it work" without the consult-a-doctor caution', () => {
    const picked = selectSentences({ weights: {}, units, sources, question: 'How does fooxin affect a gizmo?' });
    expect(picked.some((p) => p.text.includes('consult'))).toBe(false);
  });

  it('leads with the caution, from its passage only, when someone asks about their own medicines', () => {
    const picked = selectSentences({ weights: {}, units, sources, question: "I'm on fooxin. Should I change my gizmo fuel?", cautionFirst: true });
    expect(picked[0].text).toContain('consult a doctor');
    expect(picked.every((p) => p.n === 2)).toBe(true);
  });

  it('reads the kind of question from the prompt when the request carries none', async () => {
    const ask = async (prompt: string) =>
      (await generateText({ model: createExtractiveModel(), prompt, providerOptions: { extractive: { weights: {}, units, sources } as never } })).text;
    expect(await ask('Should I keep taking fooxin with my gizmo?')).toContain('consult a doctor');
    expect(await ask('How does fooxin affect a gizmo?')).not.toContain('consult a doctor');
  });
});
