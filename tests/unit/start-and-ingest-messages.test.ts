import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DATA_FILES, loadCorpus } from '@/lib/corpus/load';
import { getEnv } from '@/lib/env';
import { useTempDirs } from '../support/temp-dirs';

/** Issue 13 item 13: what `npm start` prints, and where it listens. */
const root = path.resolve(import.meta.dirname, '../..');
const tempDir = useTempDirs('k2-start-');

const ARTICLE = '---\ntitle: Magnesium Basics\n---\nMagnesium Basics\n\nMagnesium is needed to activate vitamin D.\n';

/** A corpus like the real one: an article, the project's data files and one stray file. */
function corpusWithData(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'magnesium-basics.md'), ARTICLE);
  for (const name of CORPUS_DATA_FILES) writeFileSync(path.join(dir, name), '{}');
  writeFileSync(path.join(dir, 'notes.json'), '{}');
  return dir;
}

/** Runs scripts/start.ts with an `npx` that records its arguments instead of building or serving. */
function start(env: Record<string, string>) {
  const fake = tempDir();
  const log = path.join(fake, 'npx.log');
  writeFileSync(path.join(fake, 'npx'), `#!/bin/sh\necho "$*" >> "${log}"\n`);
  chmodSync(path.join(fake, 'npx'), 0o755);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PATH: `${fake}${path.delimiter}${process.env.PATH}`, CORPUS_DIR: corpusWithData(), INDEX_PATH: path.join(tempDir(), 'index.json'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { ...run, calls };
}

describe('ingest recognises the corpus folder’s data files', () => {
  it('the real corpus: every .json in it is a known data file, and nothing is skipped', async () => {
    const corpus = path.join(root, 'corpus');
    const { documents, skipped, data } = await loadCorpus(corpus);
    expect(skipped).toEqual([]);
    expect(data).toEqual(readdirSync(corpus).filter((n) => n.endsWith('.json')).sort());
    expect(documents.length).toBeGreaterThan(0);
  });

  it('says nothing about lexicon.json, red-flags.json or steering.json, and still names a stray file', async () => {
    const { skipped, data } = await loadCorpus(corpusWithData());
    expect(data).toEqual([...CORPUS_DATA_FILES].sort());
    expect(skipped).toEqual([{ file: 'notes.json', problem: 'not an article (only .md and .txt files are read)' }]);
  });
});

describe('npm start', () => {
  it('prints no ingest warning for the data files, says what a build does, and binds to HOST', () => {
    const run = start({ HOST: '127.0.0.1', PORT: '4321' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/lexicon\.json|red-flags\.json|steering\.json/);
    expect(run.stderr).toContain('ingest: skipped notes.json: not an article');
    expect(run.calls.at(-1)).toBe('next start -p 4321 -H 127.0.0.1');
    // This checkout may or may not have a fresh build; when start builds, it says what that involves.
    if (run.calls.includes('next build')) {
      expect(run.stdout).toMatch(/start: (building the app for the first time|sources changed since the last build).*type-check.*about 30–60 s/);
      expect(run.stdout).toMatch(/start: built in \d+ s/);
    }
  });

  it('without HOST, leaves the address to next start (every interface)', () => {
    const run = start({ HOST: '', PORT: '4322' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.at(-1)).toBe('next start -p 4322');
  });

  it('refuses a HOST that is not an address, naming the variable, before doing anything', () => {
    const run = start({ HOST: 'http://localhost' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('HOST: HOST must be a host name or IP address such as 127.0.0.1 or 0.0.0.0');
    expect(run.calls).toEqual([]);
  });

  it('HOST is part of the validated environment', () => {
    expect(getEnv({ HOST: ' 127.0.0.1 ' }).HOST).toBe('127.0.0.1');
    expect(getEnv({ HOST: '::1' }).HOST).toBe('::1');
    expect(getEnv({ HOST: '' }).HOST).toBeUndefined();
    expect(getEnv({}).HOST).toBeUndefined();
  });
});
