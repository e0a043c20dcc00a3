import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { analyzeQuestion } from '../answer/analyze';
import { decideOnSources } from '../answer/coverage';
import { strongHits } from '../answer/query';
import { getEnv } from '../env';
import { processWide } from '../process-wide';
import { expandQuery } from '../search/lexicon';
import { retrieveUnits } from '../search/retrieve';
import type { SearchIndex } from '../search/types';
import { splitSentences } from '../text/sentences';

/**
 * How the library describes itself to visitors: what it covers (said when a question is not
 * covered) and questions to try (the empty chat, the widget's starters, declines). The site owner
 * sets them in `library.json` beside the articles; without it they are derived from what was
 * ingested — the articles' titles and the questions their FAQ sections ask. Every suggested question
 * is one the library answers: each is run through retrieval and the answer decision first.
 */
export interface LibraryProfile {
  /** A short name ("Vitamin K2 library"). */
  name: string;
  /** Completes "The articles cover …": what the library is about. */
  about: string;
  /** Questions the library answers, best first. */
  questions: string[];
}

const LibraryFileSchema = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  about: z.string().trim().min(1).max(300).optional(),
  questions: z.array(z.string().trim().min(3).max(200)).max(20).optional(),
});
export type LibraryFile = z.infer<typeof LibraryFileSchema>;

export const LIBRARY_FILE = 'library.json';
const MAX_QUESTIONS = 8;
/** Candidates checked at most (a large library has thousands of question-shaped titles). */
const MAX_TRIED = 60;

/** Whether the library answers a question (not declined by the decision every answer goes through). */
export function answers(index: SearchIndex, question: string): boolean {
  const analysis = analyzeQuestion(question, index);
  if (analysis.redFlags.length || !analysis.question) return false;
  const hits = strongHits(retrieveUnits(index, expandQuery(analysis.question), { k: 5 }));
  return decideOnSources(index, analysis, hits).decision.verdict !== 'decline';
}

/** "Vitamin K2: What Vitamin Reduces Calcification?" → "What Vitamin Reduces Calcification?"; questions only. */
function asQuestion(text: string): string | null {
  const t = text.replace(/^(Q|Question)\s*[:.]\s*/i, '').replace(/\s*\((also called|see also)[^)]*\)/gi, '').replace(/\s*\([a-z]+\)(?=\s)/g, '').replace(/\s+/g, ' ').replace(/\s+\?/g, '?').replace(/\?+$/, '?').replace(/^[a-z]/, (c) => c.toUpperCase()).trim();
  const part = t.includes(':') ? t.slice(t.lastIndexOf(':') + 1).trim() : t;
  if (!/\?$/.test(part) || part.split(' ').length < 3 || part.split(' ').length > 16) return null;
  if (!/^(what|how|why|which|can|does|do|is|are|should|when|where|who)\b/i.test(part)) return null;
  // Title Case headings read as questions in sentence case.
  const words = part.split(' ');
  const titleCase = words.filter((w) => /^[A-Z][a-z]/.test(w)).length > words.length / 2;
  return titleCase ? words.map((w, i) => (i && /^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w)).join(' ') : part;
}

/** Candidate questions from what was ingested: question-shaped titles, then question-shaped headings and FAQ lines. */
function* derivedQuestions(index: SearchIndex): Generator<string> {
  const seen = new Set<string>();
  // Spread over the library (titles in file order are alphabetical in many libraries).
  const titles = [...new Set(index.passages.map((p) => p.title))];
  const step = Math.max(1, Math.floor(titles.length / MAX_TRIED));
  for (let start = 0; start < step; start++) {
    for (let i = start; i < titles.length; i += step) {
      const q = asQuestion(titles[i]);
      if (q && !seen.has(q)) yield (seen.add(q), q);
    }
  }
  for (const p of index.passages) {
    // FAQ questions become section headings or stay in the text, depending on how a page was written.
    for (const s of [{ text: p.section }, ...splitSentences(p.text)]) {
      const q = asQuestion(s.text);
      if (q && !seen.has(q)) yield (seen.add(q), q);
    }
  }
}

/** What the library covers, from its titles: all of them for a few articles, else the count and three spread over it. */
function derivedAbout(index: SearchIndex): string {
  const titles = [...new Set(index.passages.map((p) => p.title))];
  if (!titles.length) return 'nothing yet (no articles have been added)';
  // "What is (are) Noonan syndrome ? (Also called: …)" → "What is Noonan syndrome?"
  const short = (t: string) => `"${t.replace(/\s*\([^)]*\)/g, '').replace(/\s+\?/g, '?').replace(/\s+/g, ' ').trim()}"`;
  if (titles.length <= 6) return titles.map(short).join(', ').replace(/, ([^,]*)$/, ' and $1');
  const step = Math.floor(titles.length / 3);
  return `${titles.length} articles, among them ${[0, step, 2 * step].map((i) => short(titles[i])).join(', ')}`;
}

/** The profile for a library: the owner's file where it says something, derived from the library otherwise. */
export function libraryProfile(index: SearchIndex, file: LibraryFile = {}): LibraryProfile {
  const questions: string[] = [];
  const candidates = file.questions?.length ? file.questions : derivedQuestions(index);
  let tried = 0;
  for (const q of candidates) {
    if (questions.length >= MAX_QUESTIONS || tried++ >= MAX_TRIED) break;
    if (questions.includes(q)) continue;
    if (answers(index, q)) questions.push(q);
    // The owner asked for this one: say why it is not shown.
    else if (file.questions?.length) console.warn(`[library] not suggesting "${q}" from ${LIBRARY_FILE}: the library would not answer it.`);
  }
  return { name: file.name ?? 'this library', about: file.about ?? derivedAbout(index), questions };
}

/** Per index, once per process (instrumentation computes it at start; see lib/process-wide.ts). */
const { cache, files } = processWide('library-profiles', () => ({ cache: new WeakMap<SearchIndex, LibraryProfile>(), files: new WeakMap<SearchIndex, LibraryFile>() }));

/** Ties the owner's `library.json` to the index built from the same folder (the app's store does this). */
export function attachLibraryFile(index: SearchIndex, file: LibraryFile): void {
  files.set(index, file);
  cache.delete(index);
}

/** The owner's `library.json` in CORPUS_DIR, when there is one (a broken file is reported and ignored). */
export function readLibraryFile(dir = getEnv().CORPUS_DIR): LibraryFile {
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir, LIBRARY_FILE);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    console.warn(`[library] ignoring ${file}: not JSON (${error instanceof Error ? error.message : error})`);
    return {};
  }
  const parsed = LibraryFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn(`[library] ignoring ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return {};
}

/** An index's profile (computed once per index): its attached `library.json`, else derived from it. */
export function profileOf(index: SearchIndex): LibraryProfile {
  let profile = cache.get(index);
  if (!profile) cache.set(index, (profile = libraryProfile(index, files.get(index))));
  return profile;
}
