import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './server';

/**
 * Debian's PostgreSQL (package postgresql: /usr/lib/postgresql/<v>/bin) for one test file: initdb in
 * a temp folder, a server on a free loopback port (socket in the same folder), stopped and deleted
 * after. PostgreSQL refuses to run as root, so as root the folder is given to the `postgres` user
 * the package creates and the programs run as that user (runuser). PG_CTL_PATH (set by npm test,
 * scripts/test-deps.ts) names pg_ctl; initdb and postgres are beside it.
 */
export interface RunningPostgres {
  /** postgres://app@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** A URL for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export function findPgCtl(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PG_CTL_PATH) return existsSync(env.PG_CTL_PATH) ? env.PG_CTL_PATH : null;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, 'bin/pg_ctl'))) return path.join(root, v, 'bin/pg_ctl');
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, 'pg_ctl'))) return path.join(dir, 'pg_ctl');
  return null;
}

const MISSING = 'PostgreSQL server programs (pg_ctl, initdb, postgres) not found: apt-get install -y postgresql (npm test installs it when run as root; scripts/test-deps.ts), or set PG_CTL_PATH.';

function userId(name: string): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(): Promise<RunningPostgres> {
  const found = findPgCtl();
  if (!found) throw new Error(MISSING);
  const bin = path.dirname(realpathSync(found));
  for (const p of ['initdb', 'postgres']) if (!existsSync(path.join(bin, p))) throw new Error(`${MISSING} (${p} is not beside ${found})`);
  const dir = mkdtempSync(path.join(tmpdir(), 'k2-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? userId('postgres') : null;
  if (asRoot && !owner) throw new Error('Running as root and there is no "postgres" user to run PostgreSQL as (apt-get install -y postgresql creates it).');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (program: string, args: string[]) => {
    const [cmd, argv] = owner ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000, cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    const log = path.join(dir, 'server.log');
    const detail = existsSync(log) ? `\nserver.log:\n${readFileSync(log, 'utf8')}` : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${error instanceof Error ? error.message : error}${detail}`);
  }
  const urlFor = (database: string) => `postgres://app@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
