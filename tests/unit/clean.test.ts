import { describe, expect, it } from 'vitest';
import { parseBlocks } from '@/lib/corpus/clean';

const body = [
  'Skip to content',
  '',
  'Vitamins and Bones',
  '',
  '5 min read',
  '',
  'Intro paragraph about calcium and bones in the body.',
  '',
  'In This Article',
  '',
  'Why Calcium Matters',
  '',
  'Calcium builds bones. It must be kept out of arteries.',
  '',
  'Key dietary sources to prioritize:',
  '',
  '  • Natto: fermented soybeans rich in K2.',
  '  1. Cheese, hard and aged.',
  '',
  'Comparison',
  '',
  'Feature Vitamin D Vitamin K2',
  'Primary Role Absorbs calcium. Directs calcium.',
  '',
  'Frequently Asked Questions',
  '',
  'Calcium builds bones. It must be kept out of arteries.',
  '',
  'References',
  '',
  '  1. 1',
  '  2. 2',
  '',
  'Medical Disclaimer',
  '',
  'This content is for informational purposes only.',
].join('\n');

describe('parseBlocks', () => {
  const blocks = parseBlocks(body, { title: 'Vitamins and Bones' });
  const kept = blocks.filter((b) => b.kind !== 'chrome');
  const kinds = (text: string) => blocks.find((b) => b.text === text)?.kind;

  it('drops page chrome: navigation, reading time, table of contents, bare references, site disclaimer', () => {
    const text = kept.map((b) => b.text).join('\n');
    for (const chrome of ['Skip to content', '5 min read', 'In This Article', 'References', '1. 1', 'Medical Disclaimer', 'informational purposes']) {
      expect(text).not.toContain(chrome);
    }
  });

  it('types headings, list items (markers removed), flattened tables and the title', () => {
    expect(kinds('Vitamins and Bones')).toBe('title');
    expect(kinds('Why Calcium Matters')).toBe('heading');
    expect(kinds('Key dietary sources to prioritize:')).toBe('paragraph');
    expect(kinds('Natto: fermented soybeans rich in K2.')).toBe('list-item');
    expect(kinds('Cheese, hard and aged.')).toBe('list-item');
    expect(kinds('Feature Vitamin D Vitamin K2')).toBe('table-header');
    expect(kinds('Primary Role Absorbs calcium. Directs calcium.')).toBe('table-row');
  });

  it('drops a repeated paragraph and the heading it leaves empty', () => {
    const repeats = blocks.filter((b) => b.text === 'Calcium builds bones. It must be kept out of arteries.');
    expect(repeats.map((b) => b.kind)).toEqual(['paragraph', 'chrome']);
    expect(kinds('Frequently Asked Questions')).toBe('chrome');
  });

  it('keeps offsets that point at the verbatim text', () => {
    for (const b of kept) expect(body.slice(b.start, b.end)).toBe(b.text);
  });

  it('reads markdown tables and lone list markers', () => {
    const md = ['Forms', '| Feature | K1 | K2 |', '|---|---|---|', '| Source | Greens | Natto |', 'Roles', '- ', 'Osteocalcin: binds calcium to bone.'].join('\n');
    const b = parseBlocks(md);
    expect(b.filter((x) => x.kind !== 'chrome').map((x) => [x.kind, x.text])).toEqual([
      ['heading', 'Forms'],
      ['table-header', 'Feature · K1 · K2'],
      ['table-row', 'Source · Greens · Natto'],
      ['heading', 'Roles'],
      ['list-item', 'Osteocalcin: binds calcium to bone.'],
    ]);
  });
});
