import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dirs';

/**
 * Regression test for issue 13 item 3: a file whose beforeAll failed (no redis-server) made vitest exit 1
 * while the closing line said "280 passed, 0 failed, 7 skipped". Each case runs vitest on a tiny project
 * in a temp folder with the real reporter and checks that the closing line agrees with the exit code.
 */
const root = path.resolve(import.meta.dirname, '../..');
const reporter = path.join(root, 'tests/support/summary-reporter.ts');
const tempDir = useTempDirs('k2-reporter-');

function runVitestOn(files: Record<string, string>) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  // The outer run's VITEST* variables would make the inner vitest think it is a worker.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--globals', '--reporter=default', `--reporter=${reporter}`],
    { cwd: dir, env: { ...env, NO_COLOR: '1', CI: 'true' }, encoding: 'utf8', timeout: 60_000 },
  );
  const lines = run.stdout.trimEnd().split('\n');
  return { status: run.status, lastLine: lines.at(-1), stdout: run.stdout, stderr: run.stderr };
}

describe('summary reporter: the closing line agrees with the exit code', () => {
  it('counts a file whose beforeAll failed, even though its other tests passed or were skipped', () => {
    const run = runVitestOn({
      'needs-redis.test.ts': `
        describe('with a Redis server', () => {
          beforeAll(() => { throw new Error('redis-server not found at /usr/bin/redis-server'); });
          it('counts in Redis', () => {});
          it('shares the limit', () => {});
        });
        it('works without Redis', () => {});
      `,
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.lastLine).toBe('1 passed, 1 failed, 2 skipped');
    expect(run.stdout).toContain('needs-redis.test.ts: with a Redis server: redis-server not found at /usr/bin/redis-server');
  });

  it('counts a failing afterAll, a file that cannot be imported and an unhandled error', () => {
    const run = runVitestOn({
      'teardown.test.ts': `afterAll(() => { throw new Error('teardown broke'); });\nit('passes', () => {});\n`,
      'import-error.test.ts': `throw new Error('cannot import');\n`,
      'unhandled.test.ts': `it('leaves a rejection', async () => {
        setTimeout(() => Promise.reject(new Error('late rejection')), 0);
        await new Promise((r) => setTimeout(r, 50));
      });\n`,
      'plain.test.ts': `it('fails', () => { expect(1).toBe(2); });\nit('passes', () => {});\n`,
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.lastLine).toBe('3 passed, 4 failed');
    expect(run.stdout).toMatch(/summary: 3 of the failures are outside any test/);
    for (const detail of ['teardown.test.ts: teardown broke', 'import-error.test.ts: cannot import', 'unhandled error: late rejection'])
      expect(run.stdout).toContain(detail);
  });

  it('says 0 failed, and vitest exits 0, when everything passes', () => {
    const run = runVitestOn({
      'ok.test.ts': `it('a', () => {});\nit.skip('b', () => {});\ndescribe('c', () => { beforeAll(() => {}); it('d', () => {}); });\n`,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.lastLine).toBe('2 passed, 0 failed, 1 skipped');
  });
});
