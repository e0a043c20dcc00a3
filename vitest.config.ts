import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    reporters: ['default', path.join(root, 'tests/support/summary-reporter.ts')],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/routes/**/*.test.ts'],
          testTimeout: 20_000,
          // Route tests send many requests from one address; tests of the limit itself turn it back on.
          // INSIGHTS off: answers in route tests are not logged to .data/; the insights tests use their own stores.
          env: { RATE_LIMIT_PER_MINUTE: '0', INSIGHTS: 'off' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: [path.join(root, 'tests/e2e/global-setup.ts')],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
