import type { SourceDocument } from '@/lib/corpus/types';
import { buildIndex } from '@/lib/search/build-index';

/** Three tiny articles: enough to test retrieval and answering without the real corpus. */
export const TINY_DOCS: SourceDocument[] = [
  {
    id: 'k2-basics',
    title: 'Vitamin K2 Basics',
    origin: 'test',
    body: [
      'What Vitamin K2 Does',
      'Vitamin K2 activates Matrix Gla Protein (MGP), which keeps calcium out of arteries. Without enough K2, MGP stays inactive and calcium can build up in vessel walls.',
      'Food Sources',
      'Natto, a dish of fermented soybeans, is the richest food source of vitamin K2. Hard cheeses and egg yolks also contain some.',
    ].join('\n'),
  },
  {
    id: 'vitamin-d-excess',
    title: 'Too Much Vitamin D',
    origin: 'test',
    body: [
      'Hypercalcemia',
      'Very high doses of vitamin D supplements can cause hypercalcemia, which means too much calcium in the blood. The excess calcium may then deposit in kidneys and blood vessels.',
    ].join('\n'),
  },
  {
    id: 'magnesium',
    title: 'Magnesium and Calcium',
    origin: 'test',
    body: [
      'Magnesium Roles',
      'Magnesium is needed to activate vitamin D. Pumpkin seeds, almonds and leafy greens are rich in magnesium.',
    ].join('\n'),
  },
];

export const tinyIndex = () => buildIndex(TINY_DOCS);
