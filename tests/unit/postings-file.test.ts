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
    expect(plain(rebuilt.lexical)).toEqual(plain(built.lexical));
    // The load saved the rebuilt postings, so the next start reads them as they are.
    expect(plain((await loadPostings(postings, built.passages))!)).toEqual(plain(built.lexical));
  });

  it('are refused when the lexicon changed, even where no sampled passage shows it', async () => {
    const { built, postings } = await savedTiny();
    const buf = await readFile(postings);
    const header = JSON.parse(buf.toString('utf8', 4, 4 + buf.readUInt32LE(0)));
    expect(header.lexicon).toMatch(/^[0-9a-f]{16}$/);
    // Another lexicon's digest, same length, so only the digest differs.
    const other = Buffer.from(buf.toString('latin1').replace(`"lexicon":"${header.lexicon}"`, `"lexicon":"${'0'.repeat(16)}"`), 'latin1');
    await writeFile(postings, other);
    expect(await loadPostings(postings, built.passages)).toBeNull();
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
