import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { depsFor, ensureTestDeps } from '@/scripts/test-deps';
import { useTempDirs } from '../support/temp-dirs';

/**
 * Issue 13 item 3: `npm ci && npm test` on a fresh machine (no redis-server, no Chromium) must install
 * them or say exactly what is missing. TEST_DEPS_BIN_DIRS hides the machine's own programs, so these
 * tests see a fresh machine even where both are installed; a fake apt-get stands in for Debian's.
 */
const root = path.resolve(import.meta.dirname, '../..');
const tempDir = useTempDirs('k2-test-deps-');

/** The environment of a machine without the programs: no explicit paths, nothing in the lookup dirs. */
function freshMachineEnv(binDirs: string[]) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'REDIS_SERVER_PATH' || k === 'PG_CTL_PATH' || k === 'CHROMIUM_PATH') delete env[k];
  return { ...env, TEST_DEPS_BIN_DIRS: binDirs.join(path.delimiter) };
}

/** An apt-get that records its arguments and "installs" each package as an empty program in `bin` (postgresql as pg_ctl). */
function fakeAptGet(bin: string): { dir: string; log: string } {
  const dir = tempDir();
  const log = path.join(dir, 'apt-get.log');
  writeFileSync(
    path.join(dir, 'apt-get'),
    `#!/bin/sh\necho "$*" >> "${log}"\n[ "$1" = install ] || exit 0\nfor a in "$@"; do case "$a" in postgresql) p=pg_ctl;; *) p=$a;; esac; case "$a" in -*|install) ;; *) printf '#!/bin/sh\\n' > "${bin}/$p"; chmod +x "${bin}/$p";; esac; done\n`,
  );
  chmodSync(path.join(dir, 'apt-get'), 0o755);
  return { dir, log };
}

const MISSING_BOTH = (dir: string, why: string) =>
  [
    'test: the tests need programs that npm does not install:',
    `  redis-server (starts a throwaway Redis for the rate-limit tests): not found in ${dir}`,
    `  pg_ctl (starts a throwaway PostgreSQL for the insights store tests): not found in ${dir}`,
    `  chromium (runs the browser tests in tests/e2e): not found in ${dir}`,
    'test: install them from Debian as root: apt-get update && apt-get install -y redis-server postgresql chromium',
    `test: (npm test does that itself when run as root where apt-get exists; here ${why})`,
  ].join('\n');

describe("npm test's dependency step on a machine without redis-server, PostgreSQL or Chromium", () => {
  it('the test command says what is missing and how to get it, and stops before vitest', () => {
    const empty = tempDir();
    // If the step let vitest start, this filter matches no file and --passWithNoTests would exit 0.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts', 'no-such-test-file', '--passWithNoTests'], {
      cwd: root,
      env: freshMachineEnv([empty]),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(MISSING_BOTH(empty, 'there is no apt-get'));
    expect(run.stdout).not.toMatch(/RUN|passed/);
  });

  it('as root with apt-get, installs all three in one apt-get call and hands their paths to the tests', () => {
    const bin = tempDir();
    const apt = fakeAptGet(bin);
    const lines: string[] = [];
    const paths = ensureTestDeps([], { env: freshMachineEnv([bin, apt.dir]), isRoot: true, log: (l) => lines.push(l) });
    expect(readFileSync(apt.log, 'utf8').trim().split('\n')).toEqual(['update -qq', 'install -y -qq redis-server postgresql chromium']);
    expect(paths).toEqual({ REDIS_SERVER_PATH: path.join(bin, 'redis-server'), PG_CTL_PATH: path.join(bin, 'pg_ctl'), CHROMIUM_PATH: path.join(bin, 'chromium') });
    expect(lines[0]).toBe(
      'test: redis-server, postgresql and chromium are missing; installing from Debian: apt-get update && apt-get install -y redis-server postgresql chromium (chromium takes about a minute)…',
    );
    expect(lines.at(-1)).toBe(`test: installed redis-server (${bin}/redis-server), postgresql (${bin}/pg_ctl), chromium (${bin}/chromium)`);
  });

  it('not as root, installs nothing and says so', () => {
    const bin = tempDir();
    const apt = fakeAptGet(bin);
    const lines: string[] = [];
    const dirs = [bin, apt.dir].join(path.delimiter);
    expect(ensureTestDeps([], { env: freshMachineEnv([bin, apt.dir]), isRoot: false, log: (l) => lines.push(l) })).toBeNull();
    expect(lines.join('\n')).toBe(MISSING_BOTH(dirs, 'not running as root'));
    expect(existsSync(apt.log)).toBe(false);
  });

  it('--dry-run says what it would install and installs nothing', () => {
    const bin = tempDir();
    const apt = fakeAptGet(bin);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test-deps.ts', '--project', 'unit', '--dry-run'], {
      cwd: root,
      env: freshMachineEnv([bin, apt.dir]),
      encoding: 'utf8',
      timeout: 30_000,
    });
    if (process.getuid?.() === 0) {
      expect(run.stderr).toContain('test: redis-server and postgresql are missing; installing from Debian: apt-get update && apt-get install -y redis-server postgresql');
      expect(run.stderr).toContain('test: --dry-run: not installing');
    } else expect(run.stderr).toContain('here not running as root');
    expect(run.status).toBe(1);
    expect(existsSync(apt.log)).toBe(false);
  });

  it('an explicit REDIS_SERVER_PATH that does not exist is reported, not papered over by an install', () => {
    const bin = tempDir();
    const apt = fakeAptGet(bin);
    const lines: string[] = [];
    const env = { ...freshMachineEnv([bin, apt.dir]), REDIS_SERVER_PATH: '/nowhere/redis-server' };
    expect(ensureTestDeps(['--project=unit'], { env, isRoot: true, log: (l) => lines.push(l) })).toBeNull();
    expect(lines.join('\n')).toContain('redis-server (starts a throwaway Redis for the rate-limit tests): REDIS_SERVER_PATH=/nowhere/redis-server is not an executable file');
    expect(existsSync(apt.log)).toBe(false);
  });

  it('the unit project needs redis-server and PostgreSQL; the browser project Chromium and redis-server; all, the three', () => {
    expect(depsFor(['--project', 'unit']).map((d) => d.name)).toEqual(['redis-server', 'pg_ctl']);
    expect(depsFor(['--project=browser']).map((d) => d.name)).toEqual(['redis-server', 'chromium']);
    expect(depsFor([]).map((d) => d.name)).toEqual(['redis-server', 'pg_ctl', 'chromium']);
  });
});
