import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus, MAX_DOCUMENT_BYTES } from '@/lib/corpus/load';
import { buildIndex } from '@/lib/search/build-index';
import { loadIndex, saveIndex } from '@/lib/search/persist';
import { retrieve } from '@/lib/search/retrieve';
import { TINY_DOCS } from '../support/fixtures';

const root = path.resolve(import.meta.dirname, '../..');
const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'k2-ingest-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const article = (title: string, text: string) => `---\ntitle: ${title}\n---\n${title}\n\n${text}\n`;
const GOOD = article('Magnesium Basics', 'Magnesium is needed to activate vitamin D. Pumpkin seeds and almonds are rich in magnesium.');

/** A corpus folder with one good article and one of every kind of bad file. */
function badCorpus(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'magnesium-basics.md'), GOOD);
  writeFileSync(path.join(dir, 'empty.md'), '');
  writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 au lait and vitamin K2 in cr\xe8me fra\xeeche.', 'latin1'));
  writeFileSync(path.join(dir, 'huge.md'), article('Huge', 'Vitamin K2 and calcium. '.repeat(Math.ceil((MAX_DOCUMENT_BYTES + 1024) / 24))));
  writeFileSync(path.join(dir, 'only-front-matter.md'), '---\ntitle: Nothing Here\n---\n\n');
  writeFileSync(path.join(dir, 'magnesium_basics.txt'), article('Magnesium Basics Again', 'Magnesium helps muscles relax after exercise.'));
  writeFileSync(path.join(dir, 'paper.pdf'), '%PDF-1.7 not an article');
  writeFileSync(path.join(dir, '.DS_Store'), 'finder metadata');
  symlinkSync(path.join(dir, 'missing-target.md'), path.join(dir, 'dangling.md'));
  mkdirSync(path.join(dir, 'drafts.md'));
  return dir;
}

const EXPECTED_PROBLEMS: [string, RegExp][] = [
  ['empty.md', /^empty file$/],
  ['binary.md', /not UTF-8 text \(binary/],
  ['latin1.txt', /not UTF-8 text \(binary or another encoding\)/],
  ['huge.md', /^larger than 512 KB \(\d+ KB\)$/],
  ['only-front-matter.md', /no text after the front matter/],
  ['magnesium_basics.txt', /duplicate slug "magnesium-basics" \(already used by magnesium-basics\.md\)/],
  ['paper.pdf', /only \.md and \.txt files/],
  ['dangling.md', /cannot be read/],
];

function ingest(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('loadCorpus skips bad files with a reason naming each one', () => {
  it('keeps the good article and explains every other file', async () => {
    const { documents, skipped } = await loadCorpus(badCorpus());
    expect(documents.map((d) => d.id)).toEqual(['magnesium-basics']);
    expect(documents[0].body).toContain('Pumpkin seeds');
    expect(skipped.map((s) => s.file).sort()).toEqual(EXPECTED_PROBLEMS.map(([f]) => f).sort());
    for (const [file, problem] of EXPECTED_PROBLEMS) expect(skipped.find((s) => s.file === file)?.problem).toMatch(problem);
  });

  it('reads UTF-8 with a byte-order mark and Windows line endings', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD.replace(/\n/g, '\r\n'))]));
    const { documents, skipped } = await loadCorpus(dir);
    expect(skipped).toEqual([]);
    expect(documents[0].title).toBe('Magnesium Basics');
    expect(documents[0].body).not.toMatch(/\r|\uFEFF/);
  });
});

describe('npm run ingest', () => {
  it('indexes the good article and prints one line naming each skipped file', async () => {
    const out = path.join(tempDir(), 'index.json');
    const run = ingest({ CORPUS_DIR: badCorpus(), INDEX_PATH: out });
    expect(run.status).toBe(0);
    for (const [file, problem] of EXPECTED_PROBLEMS) {
      const line = run.stderr.split('\n').find((l) => l.startsWith(`ingest: skipped ${file}: `));
      expect(line, `a message for ${file}`).toBeDefined();
      expect(line!.slice(`ingest: skipped ${file}: `.length)).toMatch(problem);
    }
    expect(run.stdout).toMatch(/ingest: 1 articles → \d+ passages/);
    const index = await loadIndex(out);
    expect(index!.documents.map((d) => d.id)).toEqual(['magnesium-basics']);
    expect((await retrieve(index!, 'pumpkin seeds magnesium'))[0].passage.docId).toBe('magnesium-basics');
  });

  it('keeps the previous index, byte for byte, when a new build has no usable article', async () => {
    const out = path.join(tempDir(), 'index.json');
    const good = tempDir();
    writeFileSync(path.join(good, 'magnesium-basics.md'), GOOD);
    expect(ingest({ CORPUS_DIR: good, INDEX_PATH: out }).status).toBe(0);
    const before = readFileSync(out);

    const bad = tempDir();
    writeFileSync(path.join(bad, 'empty.md'), '');
    writeFileSync(path.join(bad, 'binary.md'), Buffer.from([0, 1, 2, 3]));
    const run = ingest({ CORPUS_DIR: bad, INDEX_PATH: out });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no usable \.md or \.txt articles .* the previous index \(if any\) is kept/);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect((await loadIndex(out))!.documents.map((d) => d.id)).toEqual(['magnesium-basics']);
    // The index and the text and postings files it points at; no temporary files.
    expect(readdirSync(path.dirname(out)).map((f) => f.replace(/\.[0-9a-f]{16}\.(bodies|postings)$/, '.<fingerprint>.$1')).sort()).toEqual(['index.json', 'index.json.<fingerprint>.bodies', 'index.json.<fingerprint>.postings']);
  });
});

describe('saveIndex replaces the index atomically', () => {
  it('never lets a reader see a half-written index while it is being rewritten', async () => {
    const file = path.join(tempDir(), 'index.json');
    const big = await buildIndex(Array.from({ length: 40 }, (_, i) => ({ ...TINY_DOCS[i % 3], id: `doc-${i}` })));
    await saveIndex(big, file);
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 15; i++) await saveIndex(big, file);
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
      expect(() => lines.map((l) => JSON.parse(l))).not.toThrow();
      expect(JSON.parse(lines.at(-1)!)).toEqual({ end: big.documents.length + big.passages.length });
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(1);
  });

  it('leaves the old index and no temporary file behind when the final step fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'index.json');
    // A non-empty directory where the index should go makes the rename fail after the temp file is written.
    mkdirSync(path.join(file, 'keep'), { recursive: true });
    await expect(saveIndex(await buildIndex(TINY_DOCS), file)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['index.json']);
    expect(readdirSync(file)).toEqual(['keep']);
  });

  it("treats an index whose articles' text file is gone as missing, so the source viewer never shows an empty article", async () => {
    const file = path.join(tempDir(), 'index.json');
    await saveIndex(await buildIndex(TINY_DOCS), file);
    expect(await loadIndex(file)).not.toBeNull();
    for (const f of readdirSync(path.dirname(file))) if (f.endsWith('.bodies')) rmSync(path.join(path.dirname(file), f));
    expect(await loadIndex(file)).toBeNull();
  });

  it('treats a damaged index file as missing, so the app rebuilds it instead of failing every request', async () => {
    const file = path.join(tempDir(), 'index.json');
    await saveIndex(await buildIndex(TINY_DOCS), file);
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, Math.floor(whole.length / 2)));
    expect(await loadIndex(file)).toBeNull();
    // Cut at a line boundary every line left is whole JSON: the missing end line still gives it away.
    const lines = whole.trimEnd().split('\n');
    writeFileSync(file, `${lines.slice(0, -2).join('\n')}\n`);
    expect(await loadIndex(file)).toBeNull();
    writeFileSync(file, whole);
    expect(await loadIndex(file)).not.toBeNull();
  });
});
