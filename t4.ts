import { loadCorpus } from './lib/corpus/load';
import { buildIndex } from './lib/search/build-index';
import { retrieve } from './lib/search/retrieve';
import { coverage } from './lib/answer/coverage';
import { expandQuery } from './lib/search/lexicon';
const { documents } = await loadCorpus('corpus');
const index = await buildIndex(documents);
for (const q of process.argv.slice(2)) {
  const hits = await retrieve(index, q, { k: 5 });
  console.log(q, coverage(index, q, hits), expandQuery(q).map(u => [u.text, u.concepts.join(','), [...u.keys].slice(0,6).map(([k,w])=>k+':'+w).join(' ')]));
  for (const h of hits) console.log('  ', h.score.toFixed(2), h.passage.id, h.passage.section);
}
