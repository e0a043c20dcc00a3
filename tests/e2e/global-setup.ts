import type { TestProject } from 'vitest/node';
import { ensureBuilt, startApp, type RunningApp } from '../support/server';

let app: RunningApp | undefined;

/** Builds the app if needed and serves it once for all browser tests. */
export default async function setup(project: TestProject) {
  ensureBuilt();
  app = await startApp();
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
