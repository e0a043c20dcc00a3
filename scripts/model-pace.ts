/**
 * The streaming half of `npm run model-check`: against the OpenAI stand-in writing one word every
 * 60 ms (a local model's pace), how soon the visitor sees text, how long the checks take per
 * sentence, and whether any unsupported sentence reaches the screen in strict mode.
 */
import { answerStream } from '../lib/answer/answer';
import { getAnswerModel } from '../lib/ai/model';
import { getEnv } from '../lib/env';
import type { SearchIndex } from '../lib/search/types';
import { say, startOpenAIStandIn, type ModelRequest } from '../tests/support/openai-stand-in';
import { cite, groundedSentences } from '../tests/support/scripted-model';

const WORD_MS = 60;
/** Cited to a real source, stated by no article: strict mode must never show it. */
const INVENTED = 'Warfarin also cures osteoporosis within two weeks';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

export async function measurePacing(index: SearchIndex, items: { question: string; history?: { role: 'user' | 'assistant'; text: string }[] }[]) {
  let requestedAt = 0;
  /** Words up to the end of the model's first sentence: when it was complete at the stand-in. */
  let firstSentenceWords = 0;
  const standIn = await startOpenAIStandIn({
    reply: (req: ModelRequest) => {
      if (!req.stream) return say(req.question.split('\n').at(-1)!.replace(/^User:\s*/, ''));
      requestedAt = performance.now();
      const sentences = groundedSentences(req, 3);
      if (!sentences.length) return say('The articles do not cover this.');
      const text = [cite(sentences[0].text, sentences[0].n), cite(INVENTED, sentences[0].n), ...sentences.slice(1).map((s) => cite(s.text, s.n))].join(' ');
      firstSentenceWords = cite(sentences[0].text, sentences[0].n).split(/\s+/).length;
      return { ...say(text, 1), delayMs: WORD_MS };
    },
  });
  const model = getAnswerModel(getEnv({ ...process.env, OPENAI_API_KEY: 'pace', OPENAI_BASE_URL: standIn.url, OPENAI_MODEL: 'paced', EXTRACTIVE_STREAM_DELAY_MS: '0', OPENAI_TIMEOUT_MS: '60000', GROUNDING_MODE: 'strict' }));
  const first: number[] = [];
  const last: number[] = [];
  const ratio: number[] = [];
  const lag: number[] = [];
  const checkMs: number[] = [];
  let answers = 0;
  let inventedShown = 0;
  let withheld = 0;
  try {
    for (const item of items) {
      const started = performance.now();
      let firstAt = 0;
      let lastAt = 0;
      let text = '';
      for await (const e of answerStream({ question: item.question, history: item.history }, { index, model })) {
        if (e.type === 'text') {
          firstAt ||= performance.now();
          lastAt = performance.now();
          text += e.delta;
        } else if (e.type === 'finish') {
          const check = e.result.modelCheck;
          if (!check || check.replaced || !firstAt) continue;
          answers++;
          checkMs.push(...(check.checkMs ?? []));
          withheld += (e.result.grounding ?? []).filter((g) => g.shown === false).length;
          if (text.includes(INVENTED.slice(0, 30))) inventedShown++;
          first.push(firstAt - started);
          last.push(lastAt - started);
          ratio.push((firstAt - started) / (lastAt - started));
          lag.push(firstAt - (requestedAt + firstSentenceWords * WORD_MS));
        }
      }
    }
  } finally {
    await standIn.close();
  }
  console.log('');
  console.log(`streaming, against the stand-in writing one word every ${WORD_MS} ms (${answers} model answers shown, GROUNDING_MODE=strict):`);
  console.log(`  time to first text: p50 ${round(quantile(first, 0.5))} ms, p95 ${round(quantile(first, 0.95))} ms`);
  console.log(`  time to last text:  p50 ${round(quantile(last, 0.5))} ms, p95 ${round(quantile(last, 0.95))} ms`);
  console.log(`  first/last ratio:   p50 ${round(quantile(ratio, 0.5) * 100) / 100}, max ${round(Math.max(...ratio) * 100) / 100}`);
  console.log(`  first text after the model completed its first sentence: p50 ${round(quantile(lag, 0.5))} ms, p95 ${round(quantile(lag, 0.95))} ms, max ${round(Math.max(...lag))} ms`);
  console.log(`  check per sentence: p50 ${quantile(checkMs, 0.5)} ms, p95 ${quantile(checkMs, 0.95)} ms over ${checkMs.length} sentences`);
  console.log(`  invented sentence shown: ${inventedShown} of ${answers} answers; sentences withheld: ${withheld}`);
}
