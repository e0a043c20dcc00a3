import { DECLINE_OPENING } from './query';
/** Questions the library answers well, shown in the empty chat and in "not covered" replies. */
export const EXAMPLE_QUESTIONS = [
  'What does vitamin K2 do?',
  'Can too much vitamin D cause calcification?',
  'How does warfarin affect calcification?',
  'Which foods contain magnesium?',
];

/** More questions offered when declining, so the suggestions can be near what was asked. */
const MORE_QUESTIONS = ['What is the difference between vitamin K1 and K2?', 'Can arterial calcification be reversed?', 'What is Matrix Gla Protein?'];

const COMMON = new Set(['what', 'does', 'do', 'can', 'how', 'is', 'the', 'and', 'a', 'of', 'too', 'much', 'which', 'between', 'be', 'i', 'my', 'for', 'to', 'in', 'on', 'it']);
const words = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !COMMON.has(w)));

/** Up to three example questions, those sharing a topic with the question first. */
export function suggestedQuestions(question = '', count = 3): string[] {
  const asked = words(question);
  const scored = [...EXAMPLE_QUESTIONS, ...MORE_QUESTIONS].map((q, i) => ({ q, i, shared: [...words(q)].filter((w) => asked.has(w)).length }));
  return scored.sort((a, b) => b.shared - a.shared || a.i - b.i).slice(0, count).map((s) => s.q);
}

/** The reply to a question the articles don't cover: what they do cover, and questions to try. */
export function notCoveredReply(question = ''): string {
  return [
    `${DECLINE_OPENING} I can draw on, so I won't guess.`,
    '',
    'They cover vitamin K2, vitamin D, magnesium and how calcium ends up in soft tissues such as arteries. You could ask, for example:',
    ...suggestedQuestions(question).map((q) => `- ${q}`),
  ].join('\n');
}
