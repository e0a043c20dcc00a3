import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '@/lib/search/build-index';
import { documentBody, loadIndex, saveIndex } from '@/lib/search/persist';
import { retrieve } from '@/lib/search/retrieve';
import { INDEX_FORMAT } from '@/lib/search/build-index';
import type { SourceDocument } from '@/lib/corpus/types';
import { TINY_DOCS, tinyIndex } from '../support/fixtures';

/** A passage that only a lexicon synonym reaches: it says "warfarin", never "blood thinner". */
const WARFARIN_DOC: SourceDocument = {
  id: 'warfarin',
  title: 'Medicines and Vitamin K',
  origin: 'test',
  body: ['Warfarin', 'Warfarin works against vitamin K, so people taking it keep their vitamin K intake steady.'].join('\n'),
};

describe('retrieve', () => {
  it('ranks the passage that answers first, with stemming (fermented → ferment)', async () => {
    const index = await tinyIndex();
    const [top] = await retrieve(index, 'Which foods have vitamin K2? Is fermenting soybeans useful?', { k: 3 });
    expect(top.passage.docId).toBe('k2-basics');
    expect(top.passage.section).toBe('Food Sources');
  });

  it('finds nothing for words that appear nowhere, and caps k', async () => {
    const index = await tinyIndex();
    expect(await retrieve(index, 'quantum chromodynamics', { k: 5 })).toEqual([]);
    expect((await retrieve(index, 'calcium', { k: 500 })).length).toBeLessThanOrEqual(50);
  });
});

describe('saveIndex / loadIndex', () => {
  it('round-trips to disk with the stemming tokenizer intact', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'idx-'));
    const file = path.join(dir, 'index.json');
    const built = await buildIndex(TINY_DOCS);
    await saveIndex(built, file);
    const loaded = await loadIndex(file);
    expect(loaded).not.toBeNull();
    expect(loaded!.fingerprint).toBe(built.fingerprint);
    expect(loaded!.passages).toEqual(built.passages);
    const hits = await retrieve(loaded!, 'hypercalcemic doses', { k: 1 });
    expect(hits[0]?.passage.docId).toBe('vitamin-d-excess');
  });

  it('saves passages only, and a loaded index still finds a passage through a lexicon synonym', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'idx-'));
    const file = path.join(dir, 'index.json');
    const built = await buildIndex([...TINY_DOCS, WARFARIN_DOC]);
    await saveIndex(built, file);
    // JSON Lines: a header, the articles without their text, the passages, an end line with the count.
    const [header, ...rest] = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(header).toEqual({ format: INDEX_FORMAT, fingerprint: built.fingerprint, bodiesFile: expect.stringMatching(/\.bodies$/), documents: built.documents.length, passages: built.passages.length });
    const docs = rest.slice(0, header.documents);
    // The articles' text is beside the index, read one article at a time.
    expect(docs.every((d: { doc: { body: string }; body: [number, number] }) => d.doc.body === '' && d.body.length === 2)).toBe(true);
    expect(rest.slice(header.documents, -1)).toEqual(built.passages);
    expect(rest.at(-1)).toEqual({ end: built.documents.length + built.passages.length });

    const loaded = (await loadIndex(file))!;
    expect([...loaded.lexical.postings.get('warfarin')!.docs]).toEqual([...built.lexical.postings.get('warfarin')!.docs]);
    const [top] = await retrieve(loaded, 'Are blood thinners dangerous?', { k: 1 });
    expect(top.passage.docId).toBe('warfarin');
    expect(loaded.byId.get(top.passage.id)).toEqual(top.passage);
    for (const d of built.documents) expect(await documentBody(loaded, loaded.documents.find((x) => x.id === d.id)!)).toBe(d.body);
    // A loaded index saves again with the articles' text, read back from its own text file.
    const again = path.join(dir, 'again.json');
    await saveIndex(loaded, again);
    const reloaded = (await loadIndex(again))!;
    for (const d of built.documents) expect(await documentBody(reloaded, reloaded.documents.find((x) => x.id === d.id)!)).toBe(d.body);
  });

  it('treats a missing file or another index format as absent', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'idx-'));
    expect(await loadIndex(path.join(dir, 'none.json'))).toBeNull();
    const file = path.join(dir, 'old.json');
    await saveIndex(await buildIndex(TINY_DOCS), file);
    const [header, ...rest] = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [JSON.stringify({ ...JSON.parse(header), format: -1 }), ...rest].join('\n'));
    expect(await loadIndex(file)).toBeNull();
  });
});
