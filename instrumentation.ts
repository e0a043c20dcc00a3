/**
 * Next.js runs `register` once when a server starts, before it serves requests: the index, vectors
 * and library profile are loaded here so that "Ready" means ready (see lib/search/warm-up.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { warmUp } = await import('./lib/search/warm-up');
  await warmUp().catch((error) => console.error('[ready] could not load the index at start; it loads on the first request', error));
}
