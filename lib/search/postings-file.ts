import { readFile } from 'node:fs/promises';
import type { Passage } from '../chunk/types';
import { FIELDS, hasKey, passageWeights, type LexicalIndex } from './lexical';

/**
 * The BM25F postings saved in binary beside the index, so a server loads them as views over one
 * buffer instead of re-analysing every passage at start (at 38.6k passages: 2.9 s and about 70 MB of
 * transient memory). Layout: a little-endian uint32 header length, the JSON header (key names in
 * order, counts, average field lengths), padding to 4 bytes, then uint32 offsets per key, uint32
 * passage numbers, float32 weights and each passage's number of keys.
 *
 * The postings depend on the passages (the file is named by the index's fingerprint) and on the
 * analysis and the lexicon, which can change without re-ingesting (`corpus/lexicon.json`, code):
 * `loadPostings` re-analyses a sample of passages and rejects the file when any of their keys or
 * weights differ, and the caller rebuilds the postings from the passages.
 */
const POSTINGS_FORMAT = 1;
const SAMPLE = 48;

interface PostingsHeader {
  format: number;
  n: number;
  keys: string[];
  pairs: number;
  avg: number[];
  fields: typeof FIELDS;
}

export function postingsBuffer(lexical: LexicalIndex): Buffer {
  const keys = [...lexical.postings.keys()];
  const pairs = keys.reduce((n, k) => n + lexical.postings.get(k)!.docs.length, 0);
  const header: PostingsHeader = { format: POSTINGS_FORMAT, n: lexical.n, keys, pairs, avg: lexical.avg, fields: FIELDS };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = 4 + json.length + ((4 - ((4 + json.length) % 4)) % 4);
  const out = Buffer.alloc(headerBytes + 4 * (keys.length + 1) + 8 * pairs + 4 * lexical.n);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  const offsets = new Uint32Array(out.buffer, out.byteOffset + headerBytes, keys.length + 1);
  const docs = new Uint32Array(out.buffer, offsets.byteOffset + offsets.byteLength, pairs);
  const tf = new Float32Array(out.buffer, docs.byteOffset + docs.byteLength, pairs);
  const keyCounts = new Uint32Array(out.buffer, tf.byteOffset + tf.byteLength, lexical.n);
  let at = 0;
  keys.forEach((k, i) => {
    const p = lexical.postings.get(k)!;
    offsets[i] = at;
    docs.set(p.docs, at);
    tf.set(p.tf, at);
    for (const d of p.docs) keyCounts[d]++;
    at += p.docs.length;
  });
  offsets[keys.length] = at;
  return out;
}

/** The saved postings for these passages, or null when missing, damaged or out of date. */
export async function loadPostings(file: string, passages: Pick<Passage, 'text' | 'section' | 'title'>[]): Promise<LexicalIndex | null> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return null;
  }
  let lexical: LexicalIndex;
  let keyCounts: Uint32Array;
  try {
    const length = buf.readUInt32LE(0);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + length)) as PostingsHeader;
    if (header.format !== POSTINGS_FORMAT || header.n !== passages.length || JSON.stringify(header.fields) !== JSON.stringify(FIELDS)) return null;
    const headerBytes = 4 + length + ((4 - ((4 + length) % 4)) % 4);
    if (buf.length !== headerBytes + 4 * (header.keys.length + 1) + 8 * header.pairs + 4 * header.n || buf.byteOffset % 4) return null;
    const offsets = new Uint32Array(buf.buffer, buf.byteOffset + headerBytes, header.keys.length + 1);
    const docs = new Uint32Array(buf.buffer, offsets.byteOffset + offsets.byteLength, header.pairs);
    const tf = new Float32Array(buf.buffer, docs.byteOffset + docs.byteLength, header.pairs);
    keyCounts = new Uint32Array(buf.buffer, tf.byteOffset + tf.byteLength, header.n);
    const postings = new Map<string, { docs: Uint32Array; tf: Float32Array }>();
    header.keys.forEach((k, i) => postings.set(k, { docs: docs.subarray(offsets[i], offsets[i + 1]), tf: tf.subarray(offsets[i], offsets[i + 1]) }));
    lexical = { n: header.n, postings, avg: header.avg };
  } catch {
    return null;
  }
  return matchesAnalysis(lexical, keyCounts, passages) ? lexical : null;
}

/** Re-analyses passages spread over the library: every key and weight must be as saved. */
function matchesAnalysis(lexical: LexicalIndex, keyCounts: Uint32Array, passages: Pick<Passage, 'text' | 'section' | 'title'>[]): boolean {
  const step = Math.max(1, Math.floor(passages.length / SAMPLE));
  for (let d = 0; d < passages.length; d += step) {
    const weights = passageWeights(passages[d], lexical.avg);
    if (weights.size !== keyCounts[d]) return false;
    for (const [key, weight] of weights) {
      const p = lexical.postings.get(key);
      if (!p || !hasKey(lexical, key, d)) return false;
      let lo = 0;
      let hi = p.docs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p.docs[mid] < d) lo = mid + 1;
        else hi = mid;
      }
      if (Math.abs(p.tf[lo] - weight) > 1e-4 * Math.max(1, weight)) return false;
    }
  }
  return true;
}
