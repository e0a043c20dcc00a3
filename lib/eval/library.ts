import { createReadStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { slugify } from '../corpus/load';
import type { SearchHit } from '../search/types';

/**
 * A second library for measuring the project on content it was not written for: MedQuAD answers
 * with TREC LiveQA questions (`../shared/foreign`, see its README for the scoring rule used here).
 */

export type Variant = 'original' | 'paraphrase' | 'summary';
export const VARIANTS: Variant[] = ['original', 'paraphrase', 'summary'];

export interface LibraryQuestion {
  qid: string;
  variants: Record<Variant, string>;
  /** Document id (slugified as the corpus loader does) → grade 1..4. */
  judgments: Map<string, number>;
}

/** Writes each document of `medquad-docs.jsonl.gz` as a `.md` file with front matter (once). */
export async function prepareLibrary(foreignDir: string, outDir: string): Promise<string> {
  const docsDir = path.join(outDir, 'docs');
  if (existsSync(path.join(docsDir, '.complete'))) return docsDir;
  await mkdir(docsDir, { recursive: true });
  const lines = createInterface({ input: createReadStream(path.join(foreignDir, 'medquad-docs.jsonl.gz')).pipe(createGunzip()) });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { id: string; title: string; url: string; body: string };
    const title = doc.title.replace(/\s+/g, ' ').replace(/"/g, "'");
    await writeFile(path.join(docsDir, `${doc.id}.md`), `---\ntitle: "${title}"\nsource: ${doc.url}\n---\n${doc.body}\n`);
  }
  await writeFile(path.join(docsDir, '.complete'), '');
  return docsDir;
}

export async function readQuestions(foreignDir: string, file = 'liveqa-dev.jsonl'): Promise<LibraryQuestion[]> {
  const out: LibraryQuestion[] = [];
  const lines = createInterface({ input: createReadStream(path.join(foreignDir, file)) });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const q = JSON.parse(line) as { qid: string; variants: Record<Variant, string>; judgments: Record<string, number> };
    out.push({ qid: q.qid, variants: q.variants, judgments: new Map(Object.entries(q.judgments).map(([id, g]) => [slugify(id), g])) });
  }
  return out;
}

/** Ranked passages collapsed to their documents (first rank wins), top 10. */
export function rankedDocs(hits: SearchHit[], depth = 10): string[] {
  const docs: string[] = [];
  for (const { passage } of hits) {
    if (!docs.includes(passage.docId)) docs.push(passage.docId);
    if (docs.length >= depth) break;
  }
  return docs;
}

export interface RankingFigures {
  avgScore1: number;
  p5: number;
  mrr10: number;
  ndcg10: number;
  /** Questions with an answer graded ≥ 3 (the base of P@5, MRR@10 and nDCG@10). */
  answerable: number;
}

const dcg = (gains: number[]) => gains.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);

/** The README's rule: avgScore@1 over all questions; P@5, MRR@10, nDCG@10 over those with a grade ≥ 3 answer. */
export function scoreRanking(questions: LibraryQuestion[], ranked: string[][]): RankingFigures {
  let avg = 0;
  let p5 = 0;
  let mrr = 0;
  let ndcg = 0;
  let answerable = 0;
  questions.forEach((q, i) => {
    const docs = ranked[i];
    const grade = (d: string) => q.judgments.get(d) ?? 0;
    avg += docs.length ? Math.max(0, grade(docs[0]) - 1) : 0;
    if (![...q.judgments.values()].some((g) => g >= 3)) return;
    answerable++;
    p5 += docs.slice(0, 5).filter((d) => grade(d) >= 3).length / 5;
    const first = docs.findIndex((d) => grade(d) >= 3);
    mrr += first >= 0 ? 1 / (first + 1) : 0;
    const gains = docs.map((d) => Math.max(0, grade(d) - 1));
    const ideal = [...q.judgments.values()].map((g) => g - 1).sort((a, b) => b - a).slice(0, 10);
    ndcg += dcg(ideal) ? dcg(gains) / dcg(ideal) : 0;
  });
  const n = questions.length || 1;
  const a = answerable || 1;
  return { avgScore1: avg / n, p5: p5 / a, mrr10: mrr / a, ndcg10: ndcg / a, answerable };
}

/** bm25s 0.3.11 + PyStemmer + English stop words on the same documents (the folder's README). */
export const BM25S_REFERENCE: Partial<Record<Variant, Partial<RankingFigures>>> = {
  original: { avgScore1: 0.75, p5: 0.231, mrr10: 0.433, ndcg10: 0.406 },
  summary: { avgScore1: 0.923, ndcg10: 0.468 },
};
