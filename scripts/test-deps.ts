/**
 * The programs the tests start that `npm ci` does not install: redis-server (a throwaway Redis on a
 * free loopback port), PostgreSQL's pg_ctl (a throwaway server for the insights store tests) and
 * Debian's Chromium (the browser tests). `npm test` (scripts/test.ts) calls
 * `ensureTestDeps` first: what is missing is installed with apt-get when running as root on a machine
 * that has it; otherwise it says exactly what is missing and how to get it, and the run stops (exit 1).
 *
 * Alone: `tsx scripts/test-deps.ts [--project unit|browser]… [--dry-run]` (--dry-run: say, don't install).
 * Lookup: REDIS_SERVER_PATH / PG_CTL_PATH / CHROMIUM_PATH when set; otherwise each directory of PATH, then
 * /usr/bin (and, for pg_ctl, /usr/lib/postgresql/<version>/bin, where Debian puts it).
 * TEST_DEPS_BIN_DIRS (colon-separated) replaces that list, apt-get's lookup included (tests use it).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Env = NodeJS.ProcessEnv;

export interface TestDep {
  /** Program name, also the Debian package unless `package` says otherwise. */
  name: string;
  package?: string;
  /** Directories besides PATH where the package puts the program (not with TEST_DEPS_BIN_DIRS). */
  extraDirs?: () => string[];
  /** Environment variable the tests read for its path (tests/support/redis.ts, browser.ts). */
  envVar: string;
  /** vitest projects that start it. */
  projects: string[];
  purpose: string;
}

/** Debian's PostgreSQL server programs, newest version first. */
function postgresBinDirs(root = '/usr/lib/postgresql'): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'));
}

export const TEST_DEPS: TestDep[] = [
  { name: 'redis-server', envVar: 'REDIS_SERVER_PATH', projects: ['unit', 'browser'], purpose: 'starts a throwaway Redis for the rate-limit tests' },
  { name: 'pg_ctl', package: 'postgresql', envVar: 'PG_CTL_PATH', projects: ['unit'], purpose: 'starts a throwaway PostgreSQL for the insights store tests', extraDirs: postgresBinDirs },
  { name: 'chromium', envVar: 'CHROMIUM_PATH', projects: ['browser'], purpose: 'runs the browser tests in tests/e2e' },
];

export interface Missing {
  dep: TestDep;
  problem: string;
  /** False when an explicit path was given: installing would not put a program there. */
  installable: boolean;
}

export function binDirs(env: Env = process.env): string[] {
  const list = env.TEST_DEPS_BIN_DIRS ?? [env.PATH ?? '', '/usr/bin', '/usr/sbin'].join(path.delimiter);
  return [...new Set(list.split(path.delimiter).filter(Boolean))];
}

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

export function findProgram(name: string, dirs: string[]): string | null {
  for (const dir of dirs) if (isExecutable(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/** `--project a --project=b` → ['a', 'b']; no flag → every project. */
export function projectsIn(argv: string[]): string[] | null {
  const named = argv.flatMap((a, i) => (a === '--project' ? [argv[i + 1] ?? ''] : a.startsWith('--project=') ? [a.slice(10)] : []));
  return named.length ? named : null;
}

export function depsFor(argv: string[]): TestDep[] {
  const projects = projectsIn(argv);
  return TEST_DEPS.filter((d) => !projects || d.projects.some((p) => projects.includes(p)));
}

export function resolveDeps(deps: TestDep[], env: Env = process.env): { paths: Record<string, string>; missing: Missing[] } {
  const dirs = binDirs(env);
  const paths: Record<string, string> = {};
  const missing: Missing[] = [];
  for (const dep of deps) {
    const given = env[dep.envVar]?.trim();
    const where = env.TEST_DEPS_BIN_DIRS === undefined ? [...dirs, ...(dep.extraDirs?.() ?? [])] : dirs;
    const found = given ? (isExecutable(given) ? given : null) : findProgram(dep.name, where);
    if (found) paths[dep.envVar] = found;
    else if (given) missing.push({ dep, problem: `${dep.envVar}=${given} is not an executable file`, installable: false });
    else missing.push({ dep, problem: `not found in ${dirs.join(path.delimiter)}`, installable: true });
  }
  return { paths, missing };
}

const packageOf = (dep: TestDep) => dep.package ?? dep.name;
const listed = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]);

const aptCommand = (names: string[]) => `apt-get update && apt-get install -y ${names.join(' ')}`;

/** What to tell a person when the tests cannot run here, one line each. */
export function missingMessage(missing: Missing[], whyNotInstalled: string | null): string {
  const lines = ['test: the tests need programs that npm does not install:'];
  for (const m of missing) lines.push(`  ${m.dep.name} (${m.dep.purpose}): ${m.problem}`);
  const installable = missing.filter((m) => m.installable).map((m) => packageOf(m.dep));
  if (installable.length) {
    lines.push(`test: install ${installable.length === 1 ? 'it' : 'them'} from Debian as root: ${aptCommand(installable)}`);
    if (whyNotInstalled) lines.push(`test: (npm test does that itself when run as root where apt-get exists; here ${whyNotInstalled})`);
  }
  for (const m of missing.filter((x) => !x.installable)) lines.push(`test: point ${m.dep.envVar} at an existing ${m.dep.name}, or unset it to use the one on PATH`);
  if (missing.some((m) => m.dep.name === 'chromium') && !missing.some((m) => m.dep.projects.includes('unit')))
    lines.push('test: without Chromium, `npm test -- --project unit` runs every test but the browser ones');
  return lines.join('\n');
}

export interface EnsureOptions {
  env?: Env;
  isRoot?: boolean;
  dryRun?: boolean;
  log?: (line: string) => void;
}

/** Finds (or installs) what the chosen projects need; returns the paths to hand the tests, or null. */
export function ensureTestDeps(argv: string[], opts: EnsureOptions = {}): Record<string, string> | null {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((line: string) => console.error(line));
  const isRoot = opts.isRoot ?? process.getuid?.() === 0;
  const deps = depsFor(argv);
  let { paths, missing } = resolveDeps(deps, env);
  if (!missing.length) return paths;

  const aptGet = findProgram('apt-get', binDirs(env));
  const wanted = missing.map((m) => m.dep);
  const names = wanted.map(packageOf);
  const whyNot = !isRoot ? 'not running as root' : !aptGet ? 'there is no apt-get' : null;
  if (whyNot || missing.some((m) => !m.installable)) {
    log(missingMessage(missing, whyNot));
    return null;
  }
  log(`test: ${listed(names)} ${names.length === 1 ? 'is' : 'are'} missing; installing from Debian: ${aptCommand(names)} (chromium takes about a minute)…`);
  if (opts.dryRun) {
    log('test: --dry-run: not installing');
    return null;
  }
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...names]]) {
    const r = spawnSync(aptGet!, args, { stdio: ['ignore', 'ignore', 'inherit'], env: aptEnv });
    if (r.status !== 0) {
      log(`test: apt-get ${args[0]} failed (exit ${r.status ?? r.signal}); install by hand: ${aptCommand(names)}`);
      return null;
    }
  }
  ({ paths, missing } = resolveDeps(deps, env));
  if (missing.length) {
    log(missingMessage(missing, 'apt-get ran but did not provide them'));
    return null;
  }
  log(`test: installed ${wanted.map((d) => `${packageOf(d)} (${paths[d.envVar]})`).join(', ')}`);
  return paths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const paths = ensureTestDeps(argv, { dryRun: argv.includes('--dry-run') });
  if (!paths) process.exit(1);
  for (const [k, v] of Object.entries(paths)) console.log(`test: ${k}=${v}`);
}
