import { describe, expect, it } from 'vitest';
import { composeExtractive, selectSentences, type ExtractiveUnit } from '@/lib/answer/compose-extractive';
import { questionForm } from '@/lib/answer/question-form';
import { buildCitations } from '@/lib/answer/quotes';
import { standAlone } from '@/lib/answer/references';
import { citationForMarker, quotesBeyondAnswer } from '@/lib/answer/source-groups';
import type { NumberedSource } from '@/lib/answer/types';
import type { Passage } from '@/lib/chunk/types';
import { fieldKeys } from '@/lib/search/lexical';

const src = (n: number, text: string, section = 'Notes', docId = `doc${n}`): NumberedSource => ({ n, passageId: `${docId}--${n}`, docId, title: `Article ${n}`, section, text });
/** One unit per key of the question (what the pipeline's lexicon would give, without synonyms). */
const unitsFor = (question: string, subject: string[] = []): ExtractiveUnit[] =>
  [...new Set(fieldKeys(question).keys)].map((k) => ({ keys: { [k]: 1 }, weight: 1, subject: subject.includes(k) }));
const answer = (question: string, sources: NumberedSource[], subject: string[] = []) => composeExtractive({ weights: {}, units: unitsFor(question, subject), sources, question });
const first = (text: string) => text.split(/(?<=[.!?])\s/)[0];

describe('the form of the question', () => {
  it.each([
    ['What is a gizmo?', 'definition'],
    ['What does fooxin do?', 'function'],
    ['How much oil does a gizmo need?', 'quantity'],
    ['Over what period did the study run?', 'quantity'],
    ['Which foods contain fooxin?', 'list'],
    ['Where in the body does it work?', 'list'],
    ['Why does the wheel stop?', 'how-why'],
    ['Does fooxin slow the gizmo?', 'yes-no'],
    ['so, can I take it with food?', 'yes-no'],
  ])('%s → %s', (q, form) => expect(questionForm(q)).toBe(form));
});

describe('the first sentence answers', () => {
  it('leads a "what is" question with the definition', () => {
    const text = answer('What is a gizmo?', [
      src(1, 'Gizmo sales rose sharply in the last ten years across the country. A gizmo is a small device that turns a wheel with a spring.'),
    ], ['gizmo']);
    expect(first(text)).toMatch(/^A gizmo is a small device/);
  });

  it('leads a "how much" question with the number', () => {
    const text = answer('How much oil does a gizmo need?', [
      src(1, 'Oil keeps the gizmo gearbox running smoothly for years. A gizmo needs about 200 ml of oil per month.'),
    ], ['gizmo']);
    expect(first(text)).toContain('200 ml');
  });

  it('leads a yes/no question with the sentence that states the asked-for claim, keeping the FAQ "Yes" when the FAQ asked the same', () => {
    const sources = [
      src(1, 'Fooxin is sold in blue bottles in most hardware shops. Q: Does fooxin slow the gizmo? A: Yes, fooxin slows the gizmo by blocking its fuel.'),
    ];
    const text = answer('Does fooxin slow the gizmo?', sources, ['fooxin']);
    expect(first(text)).toMatch(/^Yes, fooxin slows the gizmo/);
    // Another question: the FAQ's "Yes" answered something else, so it is dropped.
    const other = answer('Is fooxin sold in hardware shops, and does it slow the gizmo down at all?', sources, ['fooxin']);
    expect(other).not.toMatch(/\bYes\b/);
  });

  it('assembles a list question from a list lead-in and its items, cited', () => {
    const text = answer('Which foods contain fooxin?', [src(1, 'Fooxin is a rare mineral found in a few foods.\nFoods rich in fooxin include:\nSeeds (chia, pumpkin)\nNuts\nLeafy greens')], ['fooxin']);
    expect(text).toContain('Foods rich in fooxin include seeds (chia, pumpkin), nuts and leafy greens [1].');
  });

  it('cites the lead-in of a list of long items too', async () => {
    const { checkGrounding } = await import('@/lib/answer/grounding');
    const passage = 'Good sources of fooxin to prioritise:\nSeeds: pumpkin and chia seeds hold the most fooxin per gram of any food tested so far.\nNuts: almonds and cashews hold a little less fooxin but are eaten far more often.';
    const after = 'Other good sources of fooxin are dried beans and lentils, which hold fooxin in smaller amounts.';
    const text = answer('Which foods are good sources of fooxin?', [src(1, passage), src(2, after)], ['fooxin']);
    expect(text).toMatch(/^Good sources of fooxin to prioritise \[1\]:\n- /);
    // Every sentence, the lead-in included, is a cited claim its passage backs.
    const checks = checkGrounding(text, new Map([[1, passage], [2, after]]));
    expect(checks.length).toBeGreaterThan(2);
    expect(checks.every((c) => c.supported)).toBe(true);
  });
});

describe('every part, no loose ends, nothing twice', () => {
  it('answers both parts of a two-part question from two passages', () => {
    const text = answer('What does fooxin do to the gizmo, and how should fooxin be stored?', [
      src(1, 'Fooxin slows the gizmo by blocking the recycling of its fuel.'),
      src(2, 'Fooxin should be stored in a cool, dry cupboard away from sunlight.'),
    ], ['fooxin']);
    expect(text).toContain('slows the gizmo');
    expect(text).toContain('stored in a cool');
    expect(text).toMatch(/\[1\]/);
    expect(text).toMatch(/\[2\]/);
  });

  it('names what a leading "It" stands for, from the sentence before', () => {
    const picked = selectSentences({ weights: {}, units: unitsFor('What does the gizmo oil do for the gearbox?'), sources: [src(1, 'Gizmo oil is a thin mineral oil. It protects the gearbox from wear and rust.')] });
    const texts = picked.map((p) => p.parts[0]);
    expect(texts.some((t) => t.startsWith('Gizmo oil protects the gearbox'))).toBe(true);
    expect(texts.some((t) => /^It\b/.test(t))).toBe(false);
  });

  it('never opens with a dangling "these": it brings its antecedent or is left out', () => {
    const picked = selectSentences({
      weights: {},
      units: unitsFor('Which proteins does fooxin activate?', ['fooxin']),
      sources: [src(1, 'Fooxin activates several proteins in the gizmo. Two of the most important of these are sprocketin and wheelase.')],
    });
    for (const p of picked) expect(p.parts[0]).not.toMatch(/^Two of the most important of these/);
    const withThese = picked.find((p) => p.text.includes('of these'));
    if (withThese) expect(withThese.parts[0]).toMatch(/^Fooxin activates several proteins/);
  });

  it('drops a leading connective and a "Another" that has nothing before it', () => {
    expect(standAlone('However, fooxin slows the gizmo.').text).toBe('Fooxin slows the gizmo.');
    expect(standAlone('Another long trial found that fooxin works.').text).toBe('A long trial found that fooxin works.');
    expect(standAlone('In contrast to oil, fooxin is dry.').text).toBe('In contrast to oil, fooxin is dry.');
    expect(standAlone('This is because fooxin blocks fuel.').leans).toBe(true);
  });

  it('merges the same claim from two articles into one sentence with both citations', () => {
    const text = answer('What does fooxin do to the gizmo?', [
      src(1, 'Fooxin slows the gizmo down by blocking the recycling of its fuel.'),
      src(2, 'Fooxin slows the gizmo down by blocking the recycling of its fuel, the maker says.'),
    ], ['fooxin']);
    expect(text.match(/slows the gizmo/g)).toHaveLength(1);
    expect(text).toContain('[1][2]');
  });

  it('keeps to 120 words', () => {
    const long = [
      'Fooxin changes the gizmo wheel by coating its spokes with a thin protective film that lasts for several weeks.',
      'Engineers in Oslo found that the wheel of a treated gizmo turns faster because fooxin reduces friction at the axle.',
      'Over six months of testing, gizmo wheels treated with fooxin wore down far more slowly than untreated wheels did.',
      'Fooxin also changes how the wheel responds to cold weather, keeping the bearings supple below freezing.',
      'A second laboratory reported that fooxin makes the gizmo wheel quieter, since vibration in the rim is damped.',
      'Treated wheels needed fewer repairs, and owners said the gizmo started more reliably on damp mornings.',
      'Fooxin does not change the colour of the wheel, though some owners noticed a faint smell after the first use.',
      'The maker recommends reapplying fooxin to the gizmo wheel every spring, before the busy season begins.',
    ].join(' ');
    const text = answer('How does fooxin change the gizmo wheel?', [src(1, long)], ['fooxin']);
    expect(text.replace(/\[\d+\]/g, '').split(/\s+/).length).toBeLessThanOrEqual(120);
    expect(text.split(/(?<=[.!?])\s/).length).toBeGreaterThanOrEqual(2);
  });
});

describe('citations per claim', () => {
  const passage: Passage = {
    id: 'doc1--1', docId: 'doc1', title: 'Article 1', section: 'Notes', start: 0, end: 0, ordinal: 1, words: 30,
    text: 'Fooxin slows the gizmo by blocking its fuel. Fooxin is sold in blue bottles. Fooxin should be kept away from sunlight.',
  };
  const text = 'Fooxin slows the gizmo by blocking its fuel [1]. Fooxin should be kept away from sunlight [1].';

  it("gives each marker the sentence that supports its own claim", () => {
    const [c] = buildCitations(text, [passage]);
    expect(c.claims?.map((x) => x.quote)).toEqual(['Fooxin slows the gizmo by blocking its fuel.', 'Fooxin should be kept away from sunlight.']);
    expect(citationForMarker(c, 0).quote).toBe('Fooxin slows the gizmo by blocking its fuel.');
    expect(citationForMarker(c, 1).quoteSpans).toEqual([{ start: passage.text.indexOf('Fooxin should'), end: passage.text.length }]);
    // The whole-citation quote still lists every supporting sentence, once.
    expect(c.quote).toBe('Fooxin slows the gizmo by blocking its fuel. … Fooxin should be kept away from sunlight.');
  });

  it('quotes in the Sources block only what the answer does not already say', () => {
    const [c] = buildCitations(text, [passage]);
    expect(quotesBeyondAnswer(c, text)).toEqual([]);
    const paraphrase = 'It makes the gizmo slower [1].';
    const [p] = buildCitations(paraphrase, [passage]);
    expect(quotesBeyondAnswer(p, paraphrase).length).toBeGreaterThan(0);
  });
});
