/** Questions the library answers well, shown in the empty chat and in "not covered" replies. */
export const EXAMPLE_QUESTIONS = [
  'What does vitamin K2 do?',
  'Can too much vitamin D cause calcification?',
  'How does warfarin affect calcification?',
  'Which foods contain magnesium?',
];

export function notCoveredReply(): string {
  return [
    "I couldn't find this in the articles I can draw on, so I won't guess.",
    '',
    'They cover vitamin K2, vitamin D, magnesium and how calcium ends up in soft tissues such as arteries. You could ask, for example:',
    ...EXAMPLE_QUESTIONS.slice(0, 3).map((q) => `- ${q}`),
  ].join('\n');
}
