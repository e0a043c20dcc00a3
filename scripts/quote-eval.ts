/**
 * npm run quote-eval: for the dev set, the share of citations whose quote contains a sentence of the
 * cited passage that is relevant on its own under the eval scoring rule (/work/shared/eval/README.md).
 * Usage: tsx scripts/quote-eval.ts [path/to/dev.jsonl] [--verbose]
 */
import { readFileSync } from 'node:fs';
import { extractiveAnswerModel } from '../lib/ai/model';
import { answerQuestion } from '../lib/answer/answer';
import type { HistoryTurn } from '../lib/answer/types';
import { getIndex } from '../lib/search/store';

interface Item {
  id: string;
  kind: string;
  question: string;
  history?: HistoryTurn[];
  gold: string[];
}

/** The scoring rule's normalization: NFKC, lower case, curly → straight quotes, non [a-z0-9] runs → space. */
const words = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

/** Longest run of the span's words found contiguously in the text, as a share of the span's words. */
function coverage(span: string[], text: string[]): number {
  const hay = ` ${text.join(' ')} `;
  let best = 0;
  for (let i = 0; i < span.length; i++) {
    for (let j = span.length; j > i + best; j--) {
      if (hay.includes(` ${span.slice(i, j).join(' ')} `)) {
        best = j - i;
        break;
      }
    }
  }
  return span.length ? best / span.length : 0;
}

const relevant = (text: string, gold: string[]) => gold.some((g) => coverage(words(g), words(text)) >= 0.6);

async function main() {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/work/shared/eval/dev.jsonl';
  const verbose = process.argv.includes('--verbose');
  const items: Item[] = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const deps = { index: await getIndex(), model: extractiveAnswerModel({ EXTRACTIVE_STREAM_DELAY_MS: 0 }) };
  let citations = 0;
  let quoteOk = 0;
  let passageOk = 0;
  let quoteOkOfPassageOk = 0;
  let verbatim = 0;
  for (const item of items) {
    const result = await answerQuestion({ question: item.question, history: item.history }, deps);
    for (const c of result.citations) {
      citations++;
      const sentences = c.quoteSpans.map((s) => c.passage.slice(s.start, s.end));
      if (sentences.length && sentences.every((s) => c.passage.includes(s))) verbatim++;
      const pOk = item.gold.length > 0 && relevant(c.passage, item.gold);
      const qOk = item.gold.length > 0 && sentences.some((s) => relevant(s, item.gold));
      if (pOk) passageOk++;
      if (qOk) quoteOk++;
      if (pOk && qOk) quoteOkOfPassageOk++;
      if (verbose && pOk && !qOk) console.log(`${item.id} [${c.n}] quote misses the gold sentence:\n  quote: ${c.quote}\n  passage: ${c.passage.slice(0, 300)}…`);
    }
  }
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  console.log(`dev items: ${items.length}, citations: ${citations}`);
  console.log(`quotes that are verbatim sentences of the cited passage: ${verbatim}/${citations} (${pct(verbatim, citations)})`);
  console.log(`citations whose quote sentence is relevant on its own: ${quoteOk}/${citations} (${pct(quoteOk, citations)})`);
  console.log(`citations whose passage is relevant: ${passageOk}/${citations} (${pct(passageOk, citations)})`);
  console.log(`  of those, quote relevant on its own: ${quoteOkOfPassageOk}/${passageOk} (${pct(quoteOkOfPassageOk, passageOk)})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
