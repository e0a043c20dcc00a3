import { loadCorpus } from './lib/corpus/load';
import { chunkDocument } from './lib/chunk/chunk-document';
import { syntheticPassages } from './lib/search/synthetic';
import { buildLexicalIndex } from './lib/search/lexical';
import { expandQuery } from './lib/search/lexicon';
import { scoreUnits } from './lib/search/score';
import { rerank } from './lib/search/rerank';
const { documents } = await loadCorpus('corpus');
const real = documents.flatMap((d) => chunkDocument(d));
const N = Number(process.argv[2] ?? 30000);
const passages = syntheticPassages(real, N);
let t = performance.now();
const lex = buildLexicalIndex(passages);
console.log('lexical build', Math.round(performance.now() - t), 'ms', lex.postings.size, 'keys');
const qs = ['Does the sunshine vitamin make my blood vessels stiff?', 'Is calcium building up in my arteries dangerous?', 'calcium', 'vitamin', 'vitamin K2 MGP carboxylation osteocalcin bone calcium arteries', 'Can hardening of the arteries be undone?', 'What are the symptoms of too much vitamin D?'];
const stage = { expand: 0, score: 0, rerank: 0 };
for (let r = 0; r < 6; r++) for (const q of qs) {
  let t0 = performance.now(); const units = expandQuery(q); const t1 = performance.now();
  const { hits } = scoreUnits(lex, units, 30); const t2 = performance.now();
  rerank(hits.map(h => ({ passage: passages[h.doc], score: h.score })), units, 10); const t3 = performance.now();
  if (r > 0) { stage.expand += t1 - t0; stage.score += t2 - t1; stage.rerank += t3 - t2; }
}
const n = 5 * qs.length;
console.log(Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, (v / n).toFixed(2)])));
for (const q of qs) { const units = expandQuery(q); const t0 = performance.now(); scoreUnits(lex, units, 30); console.log((performance.now() - t0).toFixed(2), q, units.map(u => u.keys.size + ':' + [...u.keys.keys()].reduce((s, k) => s + (lex.postings.get(k)?.docs.length ?? 0), 0)).join(' ')); }
