import { profileOf } from '../library/profile';
import { getIndex } from './store';
import { getVectorSearch } from './vector-store';

/**
 * Loads what the first question needs — the index, passage vectors when configured, and the
 * library's profile — so the server is ready before it says so, and the first question after a
 * start answers as fast as the hundredth. Called from `instrumentation.ts` when the server starts.
 */
export async function warmUp(): Promise<void> {
  const started = performance.now();
  const index = await getIndex();
  await getVectorSearch(index);
  profileOf(index);
  const mb = (n: number) => Math.round(n / 1048576);
  const { rss, heapUsed } = process.memoryUsage();
  console.log(`[ready] ${index.passages.length} passages loaded in ${Math.round(performance.now() - started)} ms (rss ${mb(rss)} MB, heap ${mb(heapUsed)} MB)`);
}
