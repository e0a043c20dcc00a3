import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseFrontMatter } from './front-matter';
import type { SourceDocument } from './types';

export const CORPUS_EXTENSIONS = ['.md', '.txt'];
/** Articles above this size are refused: the corpus is articles, not books or data dumps. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;
/** The project's own data kept beside the articles (read by lib/answer and lib/search, never indexed). */
export const CORPUS_DATA_FILES = ['library.json', 'lexicon.json', 'red-flags.json', 'steering.json'];

export interface LoadIssue {
  file: string;
  problem: string;
}

export interface LoadedCorpus {
  documents: SourceDocument[];
  skipped: LoadIssue[];
  /** Data files of CORPUS_DATA_FILES found in the folder: recognised, not articles, not a problem. */
  data: string[];
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Decodes UTF-8 strictly: returns null for binary or non-UTF-8 content. */
function decodeText(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } catch {
    return null;
  }
}

/** Turns one file's bytes into a document, or says why it cannot be one. */
export function parseDocument(fileName: string, bytes: Buffer): SourceDocument | LoadIssue {
  if (bytes.length === 0) return { file: fileName, problem: 'empty file' };
  if (bytes.length > MAX_DOCUMENT_BYTES)
    return { file: fileName, problem: `larger than ${MAX_DOCUMENT_BYTES / 1024} KB (${Math.round(bytes.length / 1024)} KB)` };
  const raw = decodeText(bytes);
  if (raw === null) return { file: fileName, problem: 'not UTF-8 text (binary or another encoding)' };
  const { data, body } = parseFrontMatter(raw);
  if (!body.trim()) return { file: fileName, problem: 'no text after the front matter' };
  const base = path.basename(fileName, path.extname(fileName));
  const id = slugify(data.slug || base);
  if (!id) return { file: fileName, problem: 'cannot derive a slug from the file name' };
  const firstLine = body.split('\n').map((l) => l.trim()).find((l) => l && !/^skip to/i.test(l)) ?? base;
  return { id, title: data.title || firstLine.slice(0, 120), origin: data.source || fileName, body };
}

/** Loads every `.md`/`.txt` article in `dir`, sorted by file name; data files are listed; other and bad files are skipped with a reason. */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort();
  const documents: SourceDocument[] = [];
  const skipped: LoadIssue[] = [];
  const data: string[] = [];
  const fileOfSlug = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info) {
      skipped.push({ file: name, problem: 'cannot be read (a broken link?)' });
      continue;
    }
    if (!info.isFile()) continue;
    if (CORPUS_DATA_FILES.includes(name)) {
      data.push(name);
      continue;
    }
    if (!CORPUS_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
      skipped.push({ file: name, problem: `not an article (only ${CORPUS_EXTENSIONS.join(' and ')} files are read)` });
      continue;
    }
    if (info.size > MAX_DOCUMENT_BYTES) {
      skipped.push({ file: name, problem: `larger than ${MAX_DOCUMENT_BYTES / 1024} KB (${Math.round(info.size / 1024)} KB)` });
      continue;
    }
    const parsed = parseDocument(name, await readFile(file));
    if ('problem' in parsed) skipped.push(parsed);
    else if (fileOfSlug.has(parsed.id))
      skipped.push({ file: name, problem: `duplicate slug "${parsed.id}" (already used by ${fileOfSlug.get(parsed.id)})` });
    else {
      fileOfSlug.set(parsed.id, name);
      documents.push(parsed);
    }
  }
  return { documents, skipped, data };
}
