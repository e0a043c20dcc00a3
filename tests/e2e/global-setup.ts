import type { TestProject } from 'vitest/node';
import { ensureBuilt, startApp, type RunningApp } from '../support/server';

let app: RunningApp | undefined;

/** Builds the app if needed and serves it once for all browser tests. */
export default async function setup(project: TestProject) {
  ensureBuilt();
  // Browser tests ask many questions from one address; the limit has its own tests.
  app = await startApp({ RATE_LIMIT_PER_MINUTE: '0' });
  project.provide('appUrl', app.url);
  return async () => {
    await app?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}
