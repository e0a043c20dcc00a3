import { describe, expect, it } from 'vitest';
import { markUnsupported } from '@/app/components/mark-unsupported';
import { parseMarkdown, safeHref, type Block, type Inline } from '@/app/components/parse-markdown';

const paragraph = (text: string) => (parseMarkdown(text)[0] as Extract<Block, { type: 'paragraph' }>).children;

/** Every inline node of a tree, depth first. */
function inlinesOf(blocks: Block[]): Inline[] {
  const out: Inline[] = [];
  const visitInline = (n: Inline) => {
    out.push(n);
    if ('children' in n) n.children.forEach(visitInline);
  };
  const visit = (b: Block) => {
    if (b.type === 'paragraph' || b.type === 'heading') b.children.forEach(visitInline);
    else if (b.type === 'list') b.items.flat().forEach(visit);
    else if (b.type === 'blockquote') b.children.forEach(visit);
  };
  blocks.forEach(visit);
  return out;
}

describe('answer markdown', () => {
  it('keeps raw HTML as text: tags in an answer never become elements', () => {
    const text = `<script>window.__hostile = 1</script> K2 <img src="x" onerror="alert(1)"> and <b>bold</b>?`;
    expect(paragraph(text)).toEqual([{ type: 'text', value: text }]);
    expect(parseMarkdown('<div>\n<iframe src="javascript:alert(1)"></iframe>\n</div>')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: '<div>\n<iframe src="javascript:alert(1)"></iframe>\n</div>' }] },
    ]);
    // Entities decode to text, not to markup.
    expect(paragraph('&lt;script&gt; &amp; &#60;b&#62;')).toEqual([{ type: 'text', value: '<script> & <b>' }]);
  });

  it('links only relative, http(s) and mailto targets; drops images', () => {
    expect(safeHref('https://example.org/a')).toBe('https://example.org/a');
    expect(safeHref('/sources/k2?passage=p#p')).toBe('/sources/k2?passage=p#p');
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\nscript:alert(1)', ' javascript:alert(1)', 'javascript\\:alert(1)', 'data:text/html,x', 'vbscript:x']) expect(safeHref(bad)).toBeNull();
    const nodes = inlinesOf(parseMarkdown('[one](javascript:alert(1)) [two](https://k2.example "T") ![pic](https://k2.example/x.png) [three](/sources/a)'));
    expect(nodes.filter((n) => n.type === 'link')).toEqual([
      { type: 'link', href: 'https://k2.example', title: 'T', children: [{ type: 'text', value: 'two' }] },
      { type: 'link', href: '/sources/a', children: [{ type: 'text', value: 'three' }] },
    ]);
    const text = nodes.flatMap((n) => (n.type === 'text' ? [n.value] : [])).join('');
    expect(text).toContain('one');
    expect(text).not.toContain('pic');
  });

  it('reads bold, italic, lists and [n] markers, counting each marker\'s occurrence through the whole text', () => {
    const tree = parseMarkdown('**MK-7** lasts *longer* [1][2].\n\n- natto [1]\n- cheese, snake_case_word, 2 * 3\n\nAsk a doctor [2].');
    expect(tree.map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph']);
    expect(tree[1]).toMatchObject({ type: 'list', ordered: false, tight: true });
    const nodes = inlinesOf(tree);
    expect(nodes.filter((n) => n.type === 'citation')).toEqual([
      { type: 'citation', n: 1, occurrence: 0, at: 0 },
      { type: 'citation', n: 2, occurrence: 0, at: 1 },
      { type: 'citation', n: 1, occurrence: 1, at: 2 },
      { type: 'citation', n: 2, occurrence: 1, at: 3 },
    ]);
    expect(nodes.find((n) => n.type === 'strong')).toEqual({ type: 'strong', children: [{ type: 'text', value: 'MK-7' }] });
    expect(nodes.find((n) => n.type === 'emphasis')).toEqual({ type: 'emphasis', children: [{ type: 'text', value: 'longer' }] });
    expect(nodes).toContainEqual({ type: 'text', value: 'cheese, snake_case_word, 2 * 3' });
    expect(parseMarkdown('1. one\n\n2. two')[0]).toMatchObject({ type: 'list', ordered: true, start: 1, tight: false });
  });

  it('wraps the sentences the grounding check rejected, markers included, and nothing else', () => {
    const tree = parseMarkdown('Vitamin K2 activates MGP [1][2]. It also cures **every** disease at 5000 mg [1].');
    const marked = markUnsupported(tree, [
      { sentence: 'Vitamin K2 activates MGP [1][2].', cited: [1, 2], supported: true },
      { sentence: 'It also cures every disease at 5000 mg [1].', cited: [1], supported: false, reason: 'numbers not in the cited source: 5000' },
    ]);
    const wraps = inlinesOf(marked).filter((n) => n.type === 'unsupported');
    expect(wraps).toHaveLength(1);
    expect(wraps[0]).toMatchObject({ reason: 'numbers not in the cited source: 5000' });
    const inner = (wraps[0] as { children: Inline[] }).children;
    expect(inner[0]).toEqual({ type: 'text', value: 'It also cures ' });
    expect(inner).toContainEqual({ type: 'citation', n: 1, occurrence: 1, at: 2 });
    expect(markUnsupported(tree, undefined)).toBe(tree);
  });
});
