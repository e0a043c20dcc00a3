/** npm run ask -- "How does warfarin affect calcification?": one answer in the terminal, through the app's pipeline. */
import { askQuestion } from '../lib/answer/service';

async function main() {
  const question = process.argv.slice(2).join(' ').trim();
  if (!question) {
    console.error('usage: npm run ask -- "your question"');
    process.exit(2);
  }
  const { answer, citations, status, model, notice, timings } = await askQuestion({ question });
  console.log(`[${status} · ${model} · ${timings.totalMs} ms]${notice ? ` ${notice}` : ''}\n\n${answer}\n`);
  for (const c of citations) console.log(`[${c.n}] ${c.title} — ${c.section}\n    “${c.quote}”\n    ${c.url}`);
}

main().catch((error) => {
  console.error(`ask failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
