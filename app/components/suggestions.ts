/**
 * A decline's text split into what it says and the example questions it lists as its last markdown
 * bullets (see `notCoveredReply` in lib/answer/examples.ts), so those can be offered as buttons.
 * Only bullets that are questions count; text without them comes back whole.
 */
export function splitSuggestions(text: string): { body: string; questions: string[] } {
  const lines = text.trimEnd().split('\n');
  let start = lines.length;
  while (start > 0 && /^\s*[-*]\s+\S.*\?\s*$/.test(lines[start - 1])) start--;
  const questions = lines.slice(start).map((line) => line.replace(/^\s*[-*]\s+/, '').trim());
  return questions.length ? { body: lines.slice(0, start).join('\n').trimEnd(), questions } : { body: text, questions: [] };
}
