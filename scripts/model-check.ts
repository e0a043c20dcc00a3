/**
 * npm run model-check: answers the dev set through the configured-model path against the local
 * OpenAI stand-in server with a scripted model that makes known mistakes (citations to sources never
 * given, changed numbers, invented sentences, no citations), and prints how many the checks caught
 * and what the grounding check adds to each answer (p50/p95 ms).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerQuestion } from '../lib/answer/answer';
import { getAnswerModel } from '../lib/ai/model';
import { loadCorpus } from '../lib/corpus/load';
import { getEnv } from '../lib/env';
import { buildIndex } from '../lib/search/build-index';
import { loadIndex } from '../lib/search/persist';
import { measurePacing } from './model-pace';
import { say, sourcesIn, startOpenAIStandIn, type ModelRequest, type Script } from '../tests/support/openai-stand-in';
import { cite, groundedSentences, joinCited } from '../tests/support/scripted-model';

type Fault = 'clean' | 'invalid-marker' | 'changed-number' | 'invented-sentence' | 'no-citations' | 'mostly-invented';
const FAULTS: Fault[] = ['clean', 'invalid-marker', 'changed-number', 'invented-sentence', 'no-citations', 'mostly-invented'];
/** Claims no article makes, in the style of the corpus, each cited to a real source. */
const INVENTED = ['It also sharpens eyesight within two weeks', 'Most experts advise taking it only at night with grapefruit juice', 'Swimming in cold water doubles how much the body absorbs'];

/** Light rewording, as a model would write: grounding must tolerate it (false flags are counted). */
const REWORD: [RegExp, string][] = [[/\bhelps\b/g, 'assists'], [/\bimportant\b/g, 'key'], [/\bprevents\b/g, 'stops'], [/\breduces?\b/g, 'lowers'], [/\bincreases?\b/g, 'raises'], [/^(However|Additionally|Moreover|In fact|Furthermore),\s*/i, ''], [/\bessential\b/g, 'vital']];
const reword = (text: string) => REWORD.reduce((t, [re, to]) => t.replace(re, to), text).replace(/^[a-z]/, (c) => c.toUpperCase());

/** Sentences the checks should flag, per fault, beyond the injected ones counted in `unsupported`. */
const EXPECTED_UNCITED: Partial<Record<Fault, number>> = { 'invalid-marker': 1 };

interface Injected {
  invalidMarkers: number;
  /** Snippets of sentences the checks should flag. */
  unsupported: string[];
}

/** The scripted model: grounded sentences, then the mistake this item is scripted to make. */
function scripted(req: ModelRequest, fault: Fault, injected: Injected): Script {
  const sentences = groundedSentences(req, 3).map((x) => ({ ...x, text: reword(x.text) }));
  const count = sourcesIn(req.system).length;
  if (!sentences.length) return say('The articles do not cover this.');
  const first = sentences[0].n;
  switch (fault) {
    case 'invalid-marker': {
      injected.invalidMarkers += 2;
      const [a, ...rest] = sentences;
      // One extra marker on a supported sentence, and one sentence whose only marker points nowhere.
      return say([cite(a.text, `${a.n}][${count + 2}`), ...rest.map((s) => cite(s.text, s.n)), cite(INVENTED[0], count + 4)].join(' '));
    }
    case 'changed-number': {
      const i = sentences.findIndex((s) => /\d/.test(s.text.replace(/\b[A-Za-z]{1,3}-?\d{1,2}\b/g, '')));
      if (i < 0) {
        injected.unsupported.push('About 35% of adults');
        return say(`${joinCited(sentences)} ${cite('About 35% of adults have too little of it', first)}`);
      }
      const changed = sentences[i].text.replace(/(?<![A-Za-z-])(\d+)/, (d) => String(Number(d) * 10));
      injected.unsupported.push(changed.slice(0, 40));
      return say(sentences.map((s, j) => cite(j === i ? changed : s.text, s.n)).join(' '));
    }
    case 'invented-sentence':
      injected.unsupported.push(INVENTED[1].slice(0, 40));
      return say(`${joinCited(sentences)} ${cite(INVENTED[1], first)}`);
    case 'no-citations':
      return say(sentences.map((s) => s.text).join(' '));
    case 'mostly-invented':
      injected.unsupported.push(INVENTED[1].slice(0, 40), INVENTED[2].slice(0, 40));
      return say([cite(sentences[0].text, first), cite(INVENTED[1], first), cite(INVENTED[2], first)].join(' '));
    default:
      return say(joinCited(sentences));
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};

async function main() {
  const base = getEnv();
  const index = (await loadIndex(path.resolve(base.INDEX_PATH))) ?? (await buildIndex((await loadCorpus(path.resolve(base.CORPUS_DIR))).documents));
  const items = readFileSync(process.argv[2] ?? '/work/shared/eval/dev.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  let fault: Fault = 'clean';
  let injected: Injected = { invalidMarkers: 0, unsupported: [] };
  const standIn = await startOpenAIStandIn({ reply: (req) => (req.stream ? scripted(req, fault, injected) : say(req.question.split('\n').at(-1)!.replace(/^User:\s*/, ''))) });
  const model = getAnswerModel(getEnv({ ...process.env, OPENAI_API_KEY: 'check', OPENAI_BASE_URL: standIn.url, OPENAI_MODEL: 'scripted', EXTRACTIVE_STREAM_DELAY_MS: '0' }));
  const totals = { modelAnswers: 0, injectedInvalid: 0, caughtInvalid: 0, uncitedExpected: 0, injectedUnsupported: 0, caughtUnsupported: 0, falseFlags: 0, claims: 0, shown: 0, replaced: 0, noCitation: 0, noCitationReplaced: 0, mostly: 0, mostlyReplaced: 0 };
  const groundingMs: number[] = [];
  const rows: string[] = [];
  const rounds = Number(process.argv[3] ?? 5);
  try {
   for (let round = 0; round < rounds; round++) {
    let k = 0;
    for (const item of items) {
      fault = FAULTS[k % FAULTS.length];
      injected = { invalidMarkers: 0, unsupported: [] };
      const result = await answerQuestion({ question: item.question, history: item.history }, { index, model });
      const check = result.modelCheck;
      if (!check) {
        if (round === 0) rows.push(`${item.id}  ${item.kind.padEnd(12)} —                 ${result.status} (${result.model}; no model answer)`);
        continue;
      }
      k++;
      if (result.timings.groundingMs !== undefined) groundingMs.push(result.timings.groundingMs);
      if (round === 0) {
        totals.modelAnswers++;
        totals.injectedInvalid += injected.invalidMarkers;
        totals.caughtInvalid += check.invalidMarkers;
        totals.claims += check.claims;
      }
      if (round > 0) continue;
      const expectedFlags = fault === 'no-citations' ? check.claims : injected.unsupported.length + (EXPECTED_UNCITED[fault] ?? 0);
      totals.uncitedExpected += EXPECTED_UNCITED[fault] ?? 0;
      totals.injectedUnsupported += injected.unsupported.length;
      // Shown answers: match the flagged sentences to the injected ones. Replaced answers expose only counts.
      const flagged = (result.grounding ?? []).filter((g) => !g.supported).map((g) => g.sentence);
      totals.caughtUnsupported += check.replaced
        ? Math.min(injected.unsupported.length, Math.max(0, check.unsupported - (EXPECTED_UNCITED[fault] ?? 0)))
        : injected.unsupported.filter((snip) => flagged.some((f) => f.includes(snip.slice(0, 25)))).length;
      totals.falseFlags += Math.max(0, check.unsupported - expectedFlags);
      if (check.replaced) totals.replaced++;
      else totals.shown++;
      if (fault === 'no-citations') (totals.noCitation++, (totals.noCitationReplaced += check.replaced ? 1 : 0));
      if (fault === 'mostly-invented') (totals.mostly++, (totals.mostlyReplaced += check.replaced ? 1 : 0));
      rows.push(
        `${item.id}  ${item.kind.padEnd(12)} ${fault.padEnd(17)} ${check.replaced ? 'replaced' : 'shown   '} invalid ${check.invalidMarkers} unsupported ${check.unsupported}/${check.claims}  grounding ${result.timings.groundingMs} ms${result.notice ? `  notice: ${result.notice.slice(0, 60)}…` : ''}`,
      );
    }
   }
  } finally {
    await standIn.close();
  }
  console.log(rows.join('\n'));
  console.log('');
  console.log(`model answers checked: ${totals.modelAnswers} of ${items.length} items (the rest were emergencies or not covered: no model call)`);
  console.log(`invalid citation markers: ${totals.caughtInvalid} removed of ${totals.injectedInvalid} injected (sentences left with no valid citation: flagged 'no citation', ${totals.uncitedExpected} expected)`);
  console.log(`unsupported sentences (changed numbers + invented claims): ${totals.caughtUnsupported} flagged of ${totals.injectedUnsupported} injected; reworded grounded sentences flagged by mistake: ${totals.falseFlags} of ${totals.claims} claims`);
  console.log(`answers with no citations replaced: ${totals.noCitationReplaced} of ${totals.noCitation}; mostly-invented answers replaced by the offline answer: ${totals.mostlyReplaced} of ${totals.mostly} (strict mode withholds their unsupported sentences and shows the rest); shown ${totals.shown}, replaced ${totals.replaced}`);
  await measurePacing(index, items);
  console.log(`grounding check (citations + quotes + grounding) per model answer: p50 ${quantile(groundingMs, 0.5)} ms, p95 ${quantile(groundingMs, 0.95)} ms, max ${Math.max(...groundingMs)} ms over ${groundingMs.length} answers (${rounds} rounds of the dev set)`);
}

main().catch((error) => {
  console.error(`model-check failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
