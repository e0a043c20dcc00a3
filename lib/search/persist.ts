import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import { INDEX_FORMAT, indexPassages } from './build-index';
import { loadPostings, postingsBuffer } from './postings-file';
import type { SearchIndex } from './types';

/**
 * The saved index is JSON Lines, read a line at a time (a large library never becomes one giant
 * string in memory): a header, one line per article (without its text, which is in the `.bodies` file
 * beside the index, with its byte offset and length there), one line per passage, and an end line
 * whose count tells a whole file from one cut short.
 */
interface SavedHeader {
  format: number;
  fingerprint: string;
  /** The file beside the index holding the articles' text (named by the index's fingerprint). */
  bodiesFile: string;
  documents: number;
  passages: number;
}
type SavedDocument = { doc: SourceDocument; body: [number, number] };
type SavedEnd = { end: number };

/**
 * The file holding the articles' full text, beside the index and named by its fingerprint, so an
 * index file always points at the text it was written with (a failed save leaves the old pair whole).
 */
export const bodiesFile = (file: string, fingerprint: string) => `${path.basename(file)}.${fingerprint}.bodies`;
/** The binary BM25F postings beside the index, named by its fingerprint (see postings-file.ts). */
export const postingsFile = (file: string, fingerprint: string) => `${path.basename(file)}.${fingerprint}.postings`;

/** An article's full text: in memory for an index built here, else read from the `.bodies` file. */
export async function documentBody(index: SearchIndex, doc: SourceDocument): Promise<string> {
  const span = index.bodies?.spans.get(doc.id);
  if (doc.body || !index.bodies || !span) return doc.body;
  const handle = await open(index.bodies.file, 'r');
  try {
    const buffer = Buffer.alloc(span[1]);
    await handle.read(buffer, 0, span[1], span[0]);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `file` atomically (a temp file renamed over it). */
async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Writes the index atomically: a reader never sees a half-written file, and a failed write keeps the old one. */
export async function saveIndex(index: SearchIndex, file: string): Promise<number> {
  // The articles' text goes to its own file (read one article at a time by the source viewer), so a
  // server holding a large library keeps only the passages in memory.
  // A loaded index's text is in its `.bodies` file: read that once, not one open file per article.
  const saved = index.bodies ? await readFile(index.bodies.file) : null;
  const bodies = index.documents.map((d) => {
    const span = index.bodies?.spans.get(d.id);
    return !d.body && saved && span ? saved.subarray(span[0], span[0] + span[1]) : Buffer.from(d.body, 'utf8');
  });
  const bodySpans: Record<string, [number, number]> = {};
  let at = 0;
  index.documents.forEach((d, i) => {
    bodySpans[d.id] = [at, bodies[i].length];
    at += bodies[i].length;
  });
  const bodies_ = bodiesFile(file, index.fingerprint);
  const header: SavedHeader = { format: INDEX_FORMAT, fingerprint: index.fingerprint, bodiesFile: bodies_, documents: index.documents.length, passages: index.passages.length };
  const lines = [JSON.stringify(header)];
  for (const d of index.documents) lines.push(JSON.stringify({ doc: { ...d, body: '' }, body: bodySpans[d.id] } satisfies SavedDocument));
  for (const p of index.passages) lines.push(JSON.stringify(p));
  lines.push(JSON.stringify({ end: index.documents.length + index.passages.length } satisfies SavedEnd));
  const json = `${lines.join('\n')}\n`;
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const bodiesPath = path.join(dir, bodies_);
  const exists = (f: string) => stat(f).then(() => true, () => false);
  const existed = await exists(bodiesPath);
  await writeAtomic(bodiesPath, Buffer.concat(bodies));
  const postings_ = postingsFile(file, index.fingerprint);
  const postingsPath = path.join(dir, postings_);
  const postings = postingsBuffer(index.lexical);
  const postingsExisted = await exists(postingsPath);
  try {
    await writeAtomic(postingsPath, postings);
    await writeAtomic(file, json);
  } catch (error) {
    if (!existed) await rm(bodiesPath, { force: true });
    if (!postingsExisted) await rm(postingsPath, { force: true });
    throw error;
  }
  // The text and postings files of earlier indexes are no longer referenced.
  const prefix = `${path.basename(file)}.`;
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix) && /\.(bodies|postings)$/.test(name) && name !== bodies_ && name !== postings_) await rm(path.join(dir, name), { force: true });
  }
  return Buffer.byteLength(json) + at + postings.length;
}

/** Writes only the binary postings beside a saved index (the passages and the articles' text are unchanged). */
export async function savePostings(index: SearchIndex, file: string): Promise<void> {
  await writeAtomic(path.join(path.dirname(file), postingsFile(file, index.fingerprint)), postingsBuffer(index.lexical));
}

/** Reads a saved index; null when missing, unreadable, cut short or written by another index format. */
export async function loadIndex(file: string): Promise<SearchIndex | null> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: SavedHeader | null = null;
  const documents: SourceDocument[] = [];
  const spans = new Map<string, [number, number]>();
  const passages: Passage[] = [];
  let ended = false;
  // Titles, headings and article ids repeat on every passage of an article: keep one copy of each.
  const interned = new Map<string, string>();
  const intern = (s: string) => {
    let v = interned.get(s);
    if (v === undefined) interned.set(s, (v = s));
    return v;
  };
  try {
    for await (const line of lines) {
      if (!header) {
        header = JSON.parse(line) as SavedHeader;
        if (header?.format !== INDEX_FORMAT) return null;
      } else if (ended) {
        if (line.trim()) throw new Error('text after the end line');
      } else if (documents.length < header.documents) {
        const { doc, body } = JSON.parse(line) as SavedDocument;
        doc.title = intern(doc.title);
        doc.id = intern(doc.id);
        documents.push(doc);
        spans.set(doc.id, body);
      } else if (passages.length < header.passages) {
        const p = JSON.parse(line) as Passage;
        p.docId = intern(p.docId);
        p.title = intern(p.title);
        p.section = intern(p.section);
        passages.push(p);
      } else {
        ended = (JSON.parse(line) as SavedEnd).end === documents.length + passages.length;
        if (!ended) throw new Error('wrong count');
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    console.warn(`[index] ${file} is not a readable index (damaged or cut short); it will be rebuilt.`);
    return null;
  } finally {
    lines.close();
    input.destroy();
  }
  if (!header) return null;
  if (!ended) {
    console.warn(`[index] ${file} is not a readable index (damaged or cut short); it will be rebuilt.`);
    return null;
  }
  // The articles' text must be where the index says; without it the source viewer would show nothing.
  const bodies = header.bodiesFile ? path.join(path.dirname(file), path.basename(header.bodiesFile)) : null;
  if (!bodies || !(await stat(bodies).then((s) => s.isFile(), () => false))) {
    console.warn(`[index] ${file} has no articles' text file beside it; it will be rebuilt.`);
    return null;
  }
  interned.clear();
  const lexical = await loadPostings(path.join(path.dirname(file), postingsFile(file, header.fingerprint)), passages);
  const index = indexPassages(documents, passages, header.fingerprint, lexical ?? undefined);
  if (!lexical) {
    // Rebuilt from the passages (the analysis or the lexicon changed): save them for the next start.
    console.warn(`[index] the BM25F postings saved beside ${path.basename(file)} were missing or out of date (the analysis or the lexicon changed); rebuilt from the passages and saved again.`);
    await savePostings(index, file).catch((e) => console.warn(`[index] could not save the postings beside ${file}: ${e}`));
  }
  index.bodies = { file: bodies, spans };
  return index;
}

/** The saved fingerprint without reading more than the header line, for staleness checks. */
export async function savedFingerprint(file: string): Promise<string | null> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const header = JSON.parse(line) as Partial<SavedHeader>;
      return header.format === INDEX_FORMAT ? (header.fingerprint ?? null) : null;
    }
    return null;
  } catch {
    return null;
  } finally {
    lines.close();
    input.destroy();
  }
}
