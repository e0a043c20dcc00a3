import { describe, expect, it } from 'vitest';
import { askingAndContext } from '@/lib/answer/analyze';
import { rankedDocs, scoreRanking, type LibraryQuestion } from '@/lib/eval/library';
import { buildIndex } from '@/lib/search/build-index';
import { retrieve } from '@/lib/search/retrieve';
import { createSpeller } from '@/lib/text/spelling';
import type { SearchHit } from '@/lib/search/types';

describe('spelling against a large library', () => {
  const vocabulary = new Map([['diabetes', 400], ['diabete', 1], ['insulin', 90], ['glimepiride', 3]]);
  const speller = createSpeller(vocabulary);

  it("reads a word the library has only as a document's typo as the word it uses far more often", () => {
    expect(speller.correct('whats diabete').text).toBe('whats diabetes');
  });

  it('keeps rare library words that have no much commoner neighbour', () => {
    expect(speller.correct('glimepiride storage').text).toBe('glimepiride storage');
  });
});

describe('ranking on titles', () => {
  it('puts the document whose title is the question above one that mentions its words in passing', async () => {
    const index = await buildIndex([
      { id: 'a', title: 'What is the storage advice for glimepiride tablets?', origin: 'a', body: 'Keep the tablets in a closed container at room temperature, away from heat and moisture.' },
      { id: 'b', title: 'Getting a prescription filled', origin: 'b', body: 'Your pharmacist can answer questions about glimepiride, storage of medicines at home and refills of tablets.' },
    ]);
    const hits = await retrieve(index, 'how should I store glimepiride tablets', { k: 2 });
    expect(hits[0].passage.docId).toBe('a');
  });
});

describe("the foreign library's scoring rule", () => {
  const hit = (docId: string, n: number): SearchHit => ({ passage: { id: `${docId}--${n}`, docId, title: '', section: '', text: '', start: 0, end: 0, ordinal: n, words: 1 }, score: 1 });
  const q: LibraryQuestion = { qid: 'q', variants: { original: '', paraphrase: '', summary: '' }, judgments: new Map([['a', 4], ['b', 2], ['c', 3]]) };

  it('collapses passages to documents, first rank wins', () => {
    expect(rankedDocs([hit('b', 1), hit('b', 2), hit('a', 1), hit('x', 1)])).toEqual(['b', 'a', 'x']);
  });

  it('scores avgScore@1, P@5, MRR@10 and nDCG@10 as the README says', () => {
    const s = scoreRanking([q], [['b', 'a', 'x']]);
    expect(s.avgScore1).toBe(1); // grade 2 → 1
    expect(s.p5).toBeCloseTo(1 / 5);
    expect(s.mrr10).toBeCloseTo(1 / 2);
    const dcg = 1 + 3 / Math.log2(3);
    const ideal = 3 + 2 / Math.log2(3) + 1 / 2;
    expect(s.ndcg10).toBeCloseTo(dcg / ideal);
  });
});

describe('a subject line', () => {
  it('asks as much as the question under it (email and contact-form messages)', () => {
    const { asking } = askingAndContext('Beckwith-Wiedemann syndrome\nI would like to request further knowledge on this specific disorder.');
    expect(asking).toContain('Beckwith-Wiedemann syndrome');
    expect(askingAndContext('I am 54. Is K2 safe?').asking).toBe('Is K2 safe?');
  });
});

describe('messages that ask without a question mark', () => {
  it('take the sentence put as a question or a request, not the closing formula', () => {
    const message = 'Consultation\nI have chronic cervicitis. It took a year of treatment. I wonder if it can cause infertility. Thank you very much!';
    const { asking, context } = askingAndContext(message);
    expect(asking).toContain('I wonder if it can cause infertility.');
    expect(asking).not.toContain('Thank you');
    expect(context).toContain('It took a year of treatment.');
    expect(askingAndContext('I am a retired veteran. Could second hand smoke cause early AMD.').asking).toBe('Could second hand smoke cause early AMD.');
    // Nothing put as a question: the last sentence that is not a sign-off.
    expect(askingAndContext('My knees ache. Pain gets worse at night. Thanks in advance!').asking).toBe('Pain gets worse at night.');
  });

  it('keep a subject line on its own line through the instruction filter', async () => {
    const index = await buildIndex([{ id: 'a', title: 'Macular degeneration', origin: 'a', body: 'Smoking raises the risk of macular degeneration.' }]);
    const { analyzeQuestion } = await import('@/lib/answer/analyze');
    const a = analyzeQuestion('Macular Degeneration\nI am a non-smoker. Could smoke cause it.', index);
    expect(a.asking).toContain('Macular Degeneration');
  });
});

describe('typing slips and run-together words', () => {
  const speller = createSpeller(new Map([['hypo', 12], ['kit', 40], ['glucagon', 30], ['statin', 0]].filter(([, n]) => n) as [string, number][]));

  it('corrects a neighbouring key or a swap to a common English word when no library word is near', async () => {
    const { typingSlip } = await import('@/lib/text/spelling');
    expect(speller.correct('pkease send the dose').text).toBe('please send the dose');
    expect(speller.correct('whar is glucagon').text).toBe('what is glucagon');
    expect(typingSlip('thier', 'their')).toBe(true);
    expect(typingSlip('pkease', 'please')).toBe(true);
    expect(typingSlip('pxease', 'please')).toBe(false); // x is nowhere near l
  });

  it('never turns a term nobody listed into another word by adding or dropping a letter', () => {
    expect(speller.correct('I take a statin').text).toBe('I take a statin');
    expect(speller.correct('sevoflurane stability').text).toBe('sevoflurane stability');
  });

  it('splits two words run together when both are words the library uses', () => {
    expect(speller.correct('my GlucaGen HypoKit').text).toBe('my glucagon hypo kit');
  });
});

describe('a word and a number run together', () => {
  it('index and search as the word and the number ("Hydralazine50")', async () => {
    const { contentStems } = await import('@/lib/text/tokenize');
    expect(contentStems('Hydralazine50 mg')).toEqual(contentStems('hydralazine 50 mg'));
    expect(contentStems('MK-7 and K2')).toEqual(['mk7', 'k2']);
  });
});

describe('a question about two things', () => {
  const docs = [
    { id: 'pkd', title: 'What is polycystic kidney disease?', origin: 'x', body: 'Polycystic kidney disease makes cysts grow in the kidneys.\nThe kidney cysts of polycystic kidney disease can cause high blood pressure.' },
    { id: 'pkd-treat', title: 'Treatments for polycystic kidney disease', origin: 'x', body: 'Polycystic kidney disease is treated by controlling blood pressure and pain in the kidneys.' },
    { id: 'pkd-genes', title: 'Genetic changes in polycystic kidney disease', origin: 'x', body: 'Changes in PKD1 and PKD2 cause most polycystic kidney disease.' },
    { id: 'heart', title: 'Heart defects in children', origin: 'x', body: 'Heart defects occur in many syndromes, Noonan among them, and are found by ultrasound.' },
    { id: 'noonan', title: 'What is Noonan syndrome?', origin: 'x', body: 'Noonan syndrome is a genetic condition that affects many parts of the body, including the kidneys in some people.' },
  ];
  const question = 'What is the relationship between Noonan syndrome and polycystic kidney disease?';

  it('gets a passage about the part the best passages miss, not one that mentions it in passing', async () => {
    const { withAspects, decideOnSources, decideCoverage } = await import('@/lib/answer/coverage');
    const index = await buildIndex(docs);
    const best = await retrieve(index, 'polycystic kidney disease', { k: 3 });
    expect(best.map((h) => h.passage.docId).sort()).toEqual(['pkd', 'pkd-genes', 'pkd-treat']);
    const { hits, aspects } = withAspects(index, { asking: question }, best);
    expect(aspects).toBe(1);
    expect(hits[3].passage.docId).toBe('noonan');
    expect(hits.some((h) => h.passage.docId === 'heart')).toBe(false);
    // The decision sees every part the library covers.
    expect(decideCoverage(index, { asking: question }, best).score).toBeLessThan(decideOnSources(index, { asking: question }, best).decision.score);
  });

  it('adds nothing when the library only mentions that part in passing', async () => {
    const { withAspects } = await import('@/lib/answer/coverage');
    const index = await buildIndex(docs.filter((d) => d.id !== 'noonan'));
    const best = await retrieve(index, 'polycystic kidney disease', { k: 3 });
    expect(withAspects(index, { asking: question }, best).aspects).toBe(0);
  });

  it('adds nothing when the best passages already cover every part', async () => {
    const { withAspects } = await import('@/lib/answer/coverage');
    const index = await buildIndex(docs);
    const best = await retrieve(index, 'polycystic kidney disease', { k: 3 });
    expect(withAspects(index, { asking: 'What treatments are there for polycystic kidney disease?' }, best).aspects).toBe(0);
  });
});
