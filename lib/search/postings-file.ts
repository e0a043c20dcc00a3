import { readFile } from 'node:fs/promises';
import type { Passage } from '../chunk/types';
import { createHash } from 'node:crypto';
import { FIELDS, passageWeights, type LexicalIndex } from './lexical';
import { DEFAULT_LEXICON, type CompiledLexicon } from './lexicon';

/**
 * The BM25F postings saved in binary beside the index, so a server loads them as views over one
 * buffer instead of re-analysing every passage at start (at 38.6k passages: 2.9 s and about 70 MB of
 * transient memory). Layout: a little-endian uint32 header length, the JSON header (key names in
 * order, counts, average field lengths), padding to 4 bytes, then uint32 offsets per key, uint32
 * passage numbers, float32 weights and each passage's number of keys.
 *
 * The postings depend on the passages (the file is named by the index's fingerprint) and on the
 * analysis and the lexicon, which can change without re-ingesting (`corpus/lexicon.json`, code):
 * the header records the lexicon's phrase keys, and `loadPostings` also re-analyses a sample of
 * passages (for changes to the analysis code) and rejects the file when any of their keys or weights
 * differ; the caller then rebuilds the postings from the passages.
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
  /** The lexicon's phrase keys the postings were built with (a lexicon edit changes them). */
  lexicon: string;
}

/** Digest of the lexicon phrases passages are indexed under: a lexicon edit that changes them makes saved postings stale. */
function lexiconDigest(lexicon: CompiledLexicon = DEFAULT_LEXICON): string {
  const phrases = [...lexicon.phrases.values()].flat().map((p) => `${p.seq.join(' ')}=${p.key}`).sort();
  return createHash('sha256').update(JSON.stringify(phrases)).digest('hex').slice(0, 16);
}

/** The typed-array columns after the header, as views over `buf` (written and read with the same layout). */
function columns(buf: Buffer, headerBytes: number, keys: number, pairs: number, n: number) {
  const offsets = new Uint32Array(buf.buffer, buf.byteOffset + headerBytes, keys + 1);
  const docs = new Uint32Array(buf.buffer, offsets.byteOffset + offsets.byteLength, pairs);
  const tf = new Float32Array(buf.buffer, docs.byteOffset + docs.byteLength, pairs);
  const keyCounts = new Uint32Array(buf.buffer, tf.byteOffset + tf.byteLength, n);
  return { offsets, docs, tf, keyCounts };
}

const headerBytesFor = (jsonLength: number) => 4 + jsonLength + ((4 - ((4 + jsonLength) % 4)) % 4);
const sizeFor = (headerBytes: number, keys: number, pairs: number, n: number) => headerBytes + 4 * (keys + 1) + 8 * pairs + 4 * n;

export function postingsBuffer(lexical: LexicalIndex): Buffer {
  const keys = [...lexical.postings.keys()];
  const pairs = keys.reduce((n, k) => n + lexical.postings.get(k)!.docs.length, 0);
  const header: PostingsHeader = { format: POSTINGS_FORMAT, n: lexical.n, keys, pairs, avg: lexical.avg, fields: FIELDS, lexicon: lexiconDigest() };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = headerBytesFor(json.length);
  const out = Buffer.alloc(sizeFor(headerBytes, keys.length, pairs, lexical.n));
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  const { offsets, docs, tf, keyCounts } = columns(out, headerBytes, keys.length, pairs, lexical.n);
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
    if (header.format !== POSTINGS_FORMAT || header.n !== passages.length || JSON.stringify(header.fields) !== JSON.stringify(FIELDS) || header.lexicon !== lexiconDigest()) return null;
    const headerBytes = headerBytesFor(length);
    if (buf.length !== sizeFor(headerBytes, header.keys.length, header.pairs, header.n) || buf.byteOffset % 4) return null;
    const { offsets, docs, tf, keyCounts: counts } = columns(buf, headerBytes, header.keys.length, header.pairs, header.n);
    keyCounts = counts;
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
      if (!p?.docs.length) return false;
      let lo = 0;
      let hi = p.docs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p.docs[mid] < d) lo = mid + 1;
        else hi = mid;
      }
      if (p.docs[lo] !== d || Math.abs(p.tf[lo] - weight) > 1e-4 * Math.max(1, weight)) return false;
    }
  }
  return true;
}
