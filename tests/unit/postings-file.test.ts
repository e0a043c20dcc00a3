import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/search/build-index';
import { loadIndex, saveIndex } from '@/lib/search/persist';
import { loadPostings, postingsBuffer } from '@/lib/search/postings-file';
import type { LexicalIndex } from '@/lib/search/lexical';
import { retrieve } from '@/lib/search/retrieve';
import { TINY_DOCS } from '../support/fixtures';

const plain = (lexical: LexicalIndex) =>
  Object.fromEntries([...lexical.postings].map(([k, p]) => [k, { docs: [...p.docs], tf: [...p.tf].map((x) => Math.round(x * 1e5)) }]));

async function savedTiny() {
  const dir = await mkdtemp(path.join(tmpdir(), 'postings-'));
  const file = path.join(dir, 'index.json');
  const built = await buildIndex(TINY_DOCS);
  await saveIndex(built, file);
  const postings = path.join(dir, (await readdir(dir)).find((f) => f.endsWith('.postings'))!);
  return { built, file, postings };
}

describe('saved BM25F postings', () => {
  it('load as the same postings the build made, and retrieval ranks the same', async () => {
    const { built, file, postings } = await savedTiny();
    const saved = await loadPostings(postings, built.passages);
    expect(saved).not.toBeNull();
    expect(plain(saved!)).toEqual(plain(built.lexical));
    expect(saved!.avg).toEqual(built.lexical.avg);
    const loaded = (await loadIndex(file))!;
    expect(loaded.postingsRebuilt).toBeUndefined();
    const q = 'Which foods have vitamin K2?';
    expect((await retrieve(loaded, q, { k: 5 })).map((h) => h.passage.id)).toEqual((await retrieve(built, q, { k: 5 })).map((h) => h.passage.id));
  });

  it('are refused when the analysis no longer gives the saved keys, and the index is rebuilt from its passages', async () => {
    const { built, file, postings } = await savedTiny();
    // Same number of passages, different words: what a changed tokenizer or lexicon looks like to the check.
    const changed = built.passages.map((p) => ({ ...p, text: `${p.text} zymurgy` }));
    expect(await loadPostings(postings, changed)).toBeNull();
    // Weights that no longer match (a field weight or length normalisation changed) are refused too.
    const buf = await readFile(postings);
    const tampered = Buffer.from(buf);
    tampered.writeFloatLE(tampered.readFloatLE(tampered.length - 4 * built.passages.length - 4) * 2, tampered.length - 4 * built.passages.length - 4);
    await writeFile(postings, tampered);
    expect(await loadPostings(postings, built.passages)).toBeNull();
    const rebuilt = (await loadIndex(file))!;
    expect(rebuilt.postingsRebuilt).toBe(true);
    expect(plain(rebuilt.lexical)).toEqual(plain(built.lexical));
    // Saving the loaded index writes postings that load as they are again.
    await saveIndex(rebuilt, file);
    expect((await loadIndex(file))!.postingsRebuilt).toBeUndefined();
  });

  it('are refused when cut short or for another number of passages', async () => {
    const { built, postings } = await savedTiny();
    expect(await loadPostings(postings, built.passages.slice(1))).toBeNull();
    const whole = postingsBuffer(built.lexical);
    await writeFile(postings, whole.subarray(0, whole.length - 8));
    expect(await loadPostings(postings, built.passages)).toBeNull();
    await writeFile(postings, whole.subarray(0, 3));
    expect(await loadPostings(postings, built.passages)).toBeNull();
  });
});
