/**
 * npm run eval [-- SET.jsonl…] [--report FILE] [--min [SET:]NAME=VALUE]… [--max [SET:]NAME=VALUE]… [--configured-model]
 *
 * Scores the project on question sets (default ../shared/eval/dev.jsonl and dev-wide.jsonl) with the rule in that
 * folder's README, through the same code the API uses (index build, retrieve, answerQuestion). Prints
 * a table and the misses, writes a JSON report, and exits 1 when a figure misses a threshold.
 * Offline model by default; --configured-model answers with the model the environment configures.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractiveAnswerModel, getAnswerModel } from '../lib/ai/model';
import { loadCorpus } from '../lib/corpus/load';
import { getEnv } from '../lib/env';
import { COVERAGE_THRESHOLD } from '../lib/answer/coverage';
import { checkThresholds, formatDecisionMisses, formatKinds, formatMisses, formatSweep, formatTable, parseThreshold, thresholdsFor } from '../lib/eval/report';
import { computeMetrics, evaluateItem, metricsByKind, sweepThreshold } from '../lib/eval/run';
import { EvalItemSchema, type EvalReport, type ItemResult } from '../lib/eval/types';
import { buildIndex } from '../lib/search/build-index';
import { attachLibraryFile, readLibraryFile } from '../lib/library/profile';
import { evalLibrary } from './eval-library';

async function readSet(file: string) {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, n }) => {
      const parsed = EvalItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return parsed.data;
    });
}

const DEFAULT_SETS = ['../shared/eval/dev.jsonl', '../shared/eval/dev-wide.jsonl'];

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      set: { type: 'string', multiple: true, default: [] },
      report: { type: 'string', default: '.data/eval-report.json' },
      min: { type: 'string', multiple: true, default: [] },
      max: { type: 'string', multiple: true, default: [] },
      'configured-model': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      library: { type: 'string' },
      'no-ask': { type: 'boolean', default: false },
      questions: { type: 'string' },
    },
  });
  if (values.library) {
    await evalLibrary(values.library, { questions: values.questions, ask: !values['no-ask'] });
    return;
  }
  const sets = [...values.set, ...positionals];
  const setFiles = (sets.length ? sets : DEFAULT_SETS).map((f) => path.resolve(f));
  const thresholds = [...values.min.map((s) => parseThreshold('min', s)), ...values.max.map((s) => parseThreshold('max', s))];
  const env = getEnv();
  const { documents } = await loadCorpus(path.resolve(env.CORPUS_DIR));
  const index = await buildIndex(documents);
  attachLibraryFile(index, readLibraryFile(env.CORPUS_DIR));
  const model = values['configured-model'] ? getAnswerModel({ ...env, EXTRACTIVE_STREAM_DELAY_MS: 0 }) : extractiveAnswerModel({ EXTRACTIVE_STREAM_DELAY_MS: 0 });
  const avgPassageChars = Math.round(index.passages.reduce((n, p) => n + p.text.length, 0) / index.passages.length);
  const reports: EvalReport[] = [];
  for (const setFile of setFiles) {
    const items = await readSet(setFile);
    // Warm up (JIT, stem cache) so latencies are those of a running server, not of a cold start.
    if (items[0]) await evaluateItem(items[0], { index, model });
    const results: ItemResult[] = [];
    for (const item of items) results.push(await evaluateItem(item, { index, model }));
    const report: EvalReport = {
      set: path.relative(process.cwd(), setFile),
      model: model.id,
      passages: index.passages.length,
      avgPassageChars,
      metrics: [...computeMetrics(results), ...metricsByKind(results)],
      items: results,
      failures: [],
    };
    report.failures = checkThresholds(report, thresholdsFor(thresholds, setFile));
    reports.push(report);

    console.log(`eval: ${items.length} questions from ${report.set}, model ${model.id}, ${documents.length} articles → ${index.passages.length} passages\n`);
    console.log(formatTable(report));
    console.log(`\nper kind (in-scope items):\n${formatKinds(report.metrics)}`);
    console.log(`\n${formatDecisionMisses(results)}`);
    console.log(`\ndecision threshold sweep (chosen ${COVERAGE_THRESHOLD}):\n${formatSweep(sweepThreshold(results), COVERAGE_THRESHOLD)}`);
    if (!values.quiet) console.log(`\n${formatMisses(results)}`);
    console.log('');
  }
  const reportFile = path.resolve(values.report);
  await mkdir(path.dirname(reportFile), { recursive: true });
  await writeFile(reportFile, `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  console.log(`report: ${path.relative(process.cwd(), reportFile)}`);
  const failures = reports.flatMap((r) => r.failures.map((f) => `${r.set}: ${f}`));
  if (failures.length) {
    for (const f of failures) console.error(`eval: FAIL ${f}`);
    process.exit(1);
  }
  if (thresholds.length) console.log(`eval: all thresholds met on ${reports.length} set(s)`);
}

main().catch((error) => {
  console.error(`eval failed: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
});
