import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import { INDEX_FORMAT, indexPassages } from './build-index';
import type { SearchIndex } from './types';

interface SavedIndex {
  format: number;
  fingerprint: string;
  /** The articles without their text (`body` is empty), which is in the `.bodies` file beside the index. */
  documents: SourceDocument[];
  /** The file beside the index holding the articles' text (named by the index's fingerprint). */
  bodiesFile: string;
  /** Byte offset and length of each article's text in that file. */
  bodySpans: Record<string, [number, number]>;
  passages: Passage[];
}

/**
 * The file holding the articles' full text, beside the index and named by its fingerprint, so an
 * index file always points at the text it was written with (a failed save leaves the old pair whole).
 */
export const bodiesFile = (file: string, fingerprint: string) => `${path.basename(file)}.${fingerprint}.bodies`;

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
  const bodies = await Promise.all(index.documents.map((d) => documentBody(index, d).then((b) => Buffer.from(b, 'utf8'))));
  const bodySpans: Record<string, [number, number]> = {};
  let at = 0;
  index.documents.forEach((d, i) => {
    bodySpans[d.id] = [at, bodies[i].length];
    at += bodies[i].length;
  });
  const bodies_ = bodiesFile(file, index.fingerprint);
  const data: SavedIndex = {
    format: INDEX_FORMAT,
    fingerprint: index.fingerprint,
    documents: index.documents.map((d) => ({ ...d, body: '' })),
    bodiesFile: bodies_,
    bodySpans,
    passages: index.passages,
  };
  const json = JSON.stringify(data);
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const bodiesPath = path.join(dir, bodies_);
  const existed = await readFile(bodiesPath).then(() => true, () => false);
  await writeAtomic(bodiesPath, Buffer.concat(bodies));
  try {
    await writeAtomic(file, json);
  } catch (error) {
    if (!existed) await rm(bodiesPath, { force: true });
    throw error;
  }
  // The text files of earlier indexes are no longer referenced.
  const prefix = `${path.basename(file)}.`;
  for (const name of await readdir(dir)) if (name.startsWith(prefix) && name.endsWith('.bodies') && name !== bodies_) await rm(path.join(dir, name), { force: true });
  return Buffer.byteLength(json) + at;
}

/** Reads a saved index; null when missing, unreadable or written by another index format. */
export async function loadIndex(file: string): Promise<SearchIndex | null> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  let data: SavedIndex;
  try {
    data = JSON.parse(raw) as SavedIndex;
  } catch {
    console.warn(`[index] ${file} is not a readable index (damaged or cut short); it will be rebuilt.`);
    return null;
  }
  if (data?.format !== INDEX_FORMAT) return null;
  // The articles' text must be where the index says; without it the source viewer would show nothing.
  const bodies = data.bodiesFile ? path.join(path.dirname(file), path.basename(data.bodiesFile)) : null;
  if (!bodies || !(await stat(bodies).then((s) => s.isFile(), () => false))) {
    console.warn(`[index] ${file} has no articles' text file beside it; it will be rebuilt.`);
    return null;
  }
  const index = indexPassages(data.documents, data.passages, data.fingerprint);
  index.bodies = { file: bodies, spans: new Map(Object.entries(data.bodySpans ?? {})) };
  return index;
}

/** The saved fingerprint without building anything, for staleness checks. */
export async function savedFingerprint(file: string): Promise<string | null> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedIndex>;
    return data.format === INDEX_FORMAT ? (data.fingerprint ?? null) : null;
  } catch {
    return null;
  }
}
