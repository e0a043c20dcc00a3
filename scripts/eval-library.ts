/**
 * [LEXICON=off] npm run eval -- --library ../shared/foreign [--no-ask] [--questions FILE]
 *
 * Scores the project on a library it was not written for (MedQuAD + TREC LiveQA, see that folder's
 * README): builds the corpus under .data/ (never committed), ranks every question variant through
 * the search `/api/search` uses, scores avgScore@1, P@5, MRR@10 and nDCG@10 with the README's rule
 * beside the bm25s reference, and counts `/api/ask` decisions per variant.
 */
import path from 'node:path';
import { answerQuestion } from '../lib/answer/answer';
import { extractiveAnswerModel } from '../lib/ai/model';
import { loadCorpus } from '../lib/corpus/load';
import { BM25S_REFERENCE, prepareLibrary, rankedDocs, readQuestions, scoreRanking, VARIANTS, type RankingFigures } from '../lib/eval/library';
import { buildIndex } from '../lib/search/build-index';
import { searchQuery } from '../lib/search/search-query';

const f3 = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));

export async function evalLibrary(foreignDir: string, opts: { questions?: string; ask?: boolean } = {}) {
  const dir = path.resolve(foreignDir);
  const t0 = performance.now();
  const docsDir = await prepareLibrary(dir, path.resolve('.data/library-foreign'));
  const { documents } = await loadCorpus(docsDir);
  const index = await buildIndex(documents);
  console.log(`library: ${documents.length} documents → ${index.passages.length} passages in ${Math.round(performance.now() - t0)} ms`);
  const questions = await readQuestions(dir, opts.questions);
  const rows: string[] = ['variant     avgScore@1   P@5     MRR@10  nDCG@10   (bm25s: avgScore@1 / P@5 / MRR@10 / nDCG@10)'];
  const figures: Record<string, RankingFigures> = {};
  for (const variant of VARIANTS) {
    const ranked = [];
    for (const q of questions) ranked.push(rankedDocs(await searchQuery(index, q.variants[variant], { k: 50 })));
    const s = (figures[variant] = scoreRanking(questions, ranked));
    const ref = BM25S_REFERENCE[variant];
    rows.push(`${variant.padEnd(11)} ${f3(s.avgScore1).padEnd(12)} ${f3(s.p5).padEnd(7)} ${f3(s.mrr10).padEnd(7)} ${f3(s.ndcg10).padEnd(9)} ${ref ? `(${f3(ref.avgScore1)} / ${f3(ref.p5)} / ${f3(ref.mrr10)} / ${f3(ref.ndcg10)})` : ''}`);
  }
  console.log(`\nranking over ${questions.length} questions (${figures.original.answerable} with an answer graded ≥ 3):\n${rows.join('\n')}`);
  if (opts.ask === false) return figures;
  const model = extractiveAnswerModel({ EXTRACTIVE_STREAM_DELAY_MS: 0 });
  console.log('\n/api/ask decisions:');
  for (const variant of VARIANTS) {
    let answered = 0;
    let declined = 0;
    let declinedWithAnswer = 0;
    let emergency = 0;
    let answeredUnjudged = 0;
    for (const q of questions) {
      const r = await answerQuestion({ question: q.variants[variant] }, { index, model });
      const top = rankedDocs(await searchQuery(index, q.variants[variant], { k: 10 }), 3);
      if (r.status === 'answered') {
        answered++;
        // Answered from passages the assessors judged no better than "related" (grade ≤ 1).
        if (!top.some((d) => (q.judgments.get(d) ?? 0) >= 2)) answeredUnjudged++;
      } else if (r.status === 'emergency') emergency++;
      else {
        declined++;
        if (top.some((d) => (q.judgments.get(d) ?? 0) >= 3)) declinedWithAnswer++;
      }
    }
    console.log(
      `  ${variant.padEnd(11)} answered ${answered} (${answeredUnjudged} with nothing graded ≥ 2 in the top 3), declined ${declined} (${declinedWithAnswer} with an answer graded ≥ 3 in the top 3), emergency ${emergency}`,
    );
  }
  return figures;
}
