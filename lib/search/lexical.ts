import type { Passage } from '../chunk/types';
import { contentStems } from '../text/tokenize';
import { DEFAULT_LEXICON, phraseKeysIn, type CompiledLexicon } from './lexicon';

/**
 * A compact BM25F index over passages: for every key (a stem, or a lexicon phrase such as
 * "harden_arteri"), the passages that contain it and a field-weighted, length-normalised term
 * frequency. Scoring a query walks a few typed arrays, so it stays fast at 100k passages.
 */
export interface LexicalIndex {
  n: number;
  postings: Map<string, { docs: Uint32Array; tf: Float32Array }>;
  /** Average length in stems of each field (text, section, title), as the weights were computed with. */
  avg: number[];
}

/**
 * Field weights and length normalisation per field. Headings and titles say what a passage is about:
 * both count double (a MedQuAD title is the question its answer was written for; raising the title
 * from 0.3 to 2 took nDCG@10 on LiveQA from 0.36 to 0.45 while the K2 sets held, one dev-wide
 * question moving from rank 2 to 4).
 */
export const FIELDS = {
  text: { weight: 1, b: 0.75 },
  section: { weight: 2, b: 0.3 },
  title: { weight: 2, b: 0 },
} as const;
type Field = keyof typeof FIELDS;

/** The keys of a field's text: content stems plus lexicon phrases found in them. */
export function fieldKeys(text: string, lexicon: CompiledLexicon = DEFAULT_LEXICON): { keys: string[]; length: number } {
  const stems = contentStems(text);
  const phrases = phraseKeysIn(stems, lexicon);
  return { keys: [...stems, ...phrases, ...vitaminKeysIn(stems, phrases)], length: stems.length };
}

/**
 * "Vitamin C", "vitamin B12": the same one-unit key a question gets for a vitamin the lexicon does not
 * know (see `expandQuery`), so a question about one the articles do mention finds it.
 */
function vitaminKeysIn(stems: string[], phrases: string[]): string[] {
  const keys: string[] = [];
  for (let i = 0; i + 1 < stems.length; i++) {
    if (stems[i] !== 'vitamin' || !/^[a-z]\d{0,2}$/.test(stems[i + 1])) continue;
    const key = `vitamin_${stems[i + 1]}`;
    if (!phrases.includes(key) && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

export function buildLexicalIndex(passages: Passage[], lexicon: CompiledLexicon = DEFAULT_LEXICON): LexicalIndex {
  const fields = Object.keys(FIELDS) as Field[];
  // Headings and titles repeat across a document's passages: analyse each once.
  const cache = new Map<string, { keys: string[]; length: number }>();
  const cached = (text: string) => {
    let v = cache.get(text);
    if (!v) cache.set(text, (v = fieldKeys(text, lexicon)));
    return v;
  };
  // Pass 1, one passage at a time: number the keys and record each passage's (key, count per field)
  // pairs and field lengths in flat typed arrays, so no passage's key list outlives its turn. The
  // weights need the average field lengths, known only at the end.
  const keyIds = new Map<string, number>();
  const keyNames: string[] = [];
  let pairKeys = new Uint32Array(1 << 16);
  let pairCounts = new Uint16Array(3 << 16);
  let pairs = 0;
  const starts = new Uint32Array(passages.length + 1);
  const lengths = new Uint32Array(passages.length * 3);
  const counted = new Map<number, number>();
  passages.forEach((p, d) => {
    counted.clear();
    const analysed = [fieldKeys(p.text, lexicon), cached(p.section), cached(p.title)];
    analysed.forEach(({ keys, length }, f) => {
      lengths[d * 3 + f] = length;
      for (const k of keys) {
        let id = keyIds.get(k);
        if (id === undefined) keyIds.set(k, (id = keyNames.push(k) - 1));
        let at = counted.get(id);
        if (at === undefined) {
          if (pairs === pairKeys.length) {
            pairKeys = grown(pairKeys, new Uint32Array(pairs * 2));
            pairCounts = grown(pairCounts, new Uint16Array(pairs * 6));
          }
          counted.set(id, (at = pairs++));
          pairKeys[at] = id;
          pairCounts.fill(0, at * 3, at * 3 + 3);
        }
        pairCounts[at * 3 + f] = Math.min(0xffff, pairCounts[at * 3 + f] + 1);
      }
    });
    starts[d + 1] = pairs;
  });
  const avg = fields.map((_, f) => {
    let sum = 0;
    for (let d = 0; d < passages.length; d++) sum += lengths[d * 3 + f];
    return sum / Math.max(1, passages.length) || 1;
  });
  // Pass 2: each key's postings are a view into one shared buffer per column, in passage order.
  const counts = new Uint32Array(keyNames.length);
  for (let i = 0; i < pairs; i++) counts[pairKeys[i]]++;
  const offsets = new Uint32Array(keyNames.length + 1);
  for (let k = 0; k < keyNames.length; k++) offsets[k + 1] = offsets[k] + counts[k];
  const docs = new Uint32Array(pairs);
  const tfs = new Float32Array(pairs);
  const filled = offsets.slice(0, keyNames.length);
  for (let d = 0; d < passages.length; d++) {
    const norm = fieldNorms([lengths[d * 3], lengths[d * 3 + 1], lengths[d * 3 + 2]], avg);
    for (let i = starts[d]; i < starts[d + 1]; i++) {
      const at = filled[pairKeys[i]]++;
      docs[at] = d;
      tfs[at] = pairCounts[i * 3] * norm[0] + pairCounts[i * 3 + 1] * norm[1] + pairCounts[i * 3 + 2] * norm[2];
    }
  }
  const postings = new Map<string, { docs: Uint32Array; tf: Float32Array }>();
  keyNames.forEach((k, id) => postings.set(k, { docs: docs.subarray(offsets[id], offsets[id + 1]), tf: tfs.subarray(offsets[id], offsets[id + 1]) }));
  return { n: passages.length, postings, avg };
}

/**
 * One passage's keys and their weights, computed the way the index was built (for checking that a
 * saved index still matches today's analysis and lexicon).
 */
export function passageWeights(p: Pick<Passage, 'text' | 'section' | 'title'>, avg: number[], lexicon: CompiledLexicon = DEFAULT_LEXICON): Map<string, number> {
  const analysed = [fieldKeys(p.text, lexicon), fieldKeys(p.section, lexicon), fieldKeys(p.title, lexicon)];
  const norm = fieldNorms(analysed.map((a) => a.length), avg);
  const weights = new Map<string, number>();
  analysed.forEach(({ keys }, i) => {
    for (const k of keys) weights.set(k, (weights.get(k) ?? 0) + norm[i]);
  });
  return weights;
}

/** Each field's weight per occurrence for these field lengths (text, section, title): BM25F's length normalisation. */
function fieldNorms(lengths: number[], avg: number[]): number[] {
  return (Object.keys(FIELDS) as Field[]).map((f, i) => {
    const { weight, b } = FIELDS[f];
    return weight / (1 - b + (b * lengths[i]) / avg[i]);
  });
}

function grown<T extends Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Whether passage `doc` contains `key` (postings are sorted by passage number). */
export function hasKey(index: LexicalIndex, key: string, doc: number): boolean {
  const p = index.postings.get(key);
  if (!p) return false;
  let lo = 0;
  let hi = p.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = p.docs[mid];
    if (v === doc) return true;
    if (v < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
