import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Passage } from '../chunk/types';
import type { SourceDocument } from '../corpus/types';
import { INDEX_FORMAT, indexPassages } from './build-index';
import type { SearchIndex } from './types';

interface SavedIndex {
  format: number;
  fingerprint: string;
  documents: SourceDocument[];
  passages: Passage[];
}

/** Writes the index atomically: a reader never sees a half-written file, and a failed write keeps the old one. */
export async function saveIndex(index: SearchIndex, file: string): Promise<number> {
  const data: SavedIndex = {
    format: INDEX_FORMAT,
    fingerprint: index.fingerprint,
    documents: index.documents,
    passages: index.passages,
  };
  const json = JSON.stringify(data);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, json);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return Buffer.byteLength(json);
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
  return indexPassages(data.documents, data.passages, data.fingerprint);
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
