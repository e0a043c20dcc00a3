/**
 * The markdown of answers — paragraphs, **bold** and *italic*, lists, headings, quotes, code, links and
 * `[n]` citation markers — parsed into a small tree that answer-markdown.tsx renders as React elements.
 * There is no HTML in it: `<script>` or `<img onerror>` in an answer is text like any other, and
 * images are dropped. Link targets are kept only when relative or http(s)/mailto.
 */

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong' | 'emphasis'; children: Inline[] }
  | { type: 'unsupported'; reason: string; children: Inline[] }
  | { type: 'code'; value: string }
  | { type: 'link'; href: string; title?: string; children: Inline[] }
  /** `[n]`; `occurrence`: which `[n]` of the text it is (its claim); `at`: its place among all markers. */
  | { type: 'citation'; n: number; occurrence: number; at: number }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; depth: number; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; tight: boolean; items: Block[][] }
  | { type: 'blockquote'; children: Block[] }
  | { type: 'code'; value: string }
  | { type: 'rule' };

/** Markers counted through the whole text, in reading order. */
interface Context {
  seen: Map<number, number>;
  markers: number;
}

const BLANK = /^[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const PUNCT = /[!-/:-@[-`{-~\p{P}\p{S}]/u;
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const ENTITY = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function parseMarkdown(text: string): Block[] {
  return blocks(text.replace(/\r\n?/g, '\n').split('\n'), { seen: new Map(), markers: 0 });
}

/** Whether a line starts a block that ends a paragraph before it. */
function interrupts(line: string): boolean {
  const item = ITEM.exec(line);
  if (item) return !!item[4]?.trim() && (!/\d/.test(item[2]) || /^1[.)]$/.test(item[2]));
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line);
}

function blocks(lines: string[], ctx: Context): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let m: RegExpExecArray | null;
    if (BLANK.test(line)) i++;
    else if ((m = FENCE.exec(line))) {
      const close = new RegExp(`^ {0,3}${m[1][0] === '`' ? '`' : '~'}{${m[1].length},}[ \\t]*$`);
      const body: string[] = [];
      for (i++; i < lines.length && !close.test(lines[i]); i++) body.push(lines[i]);
      i++;
      out.push({ type: 'code', value: body.join('\n') });
    } else if ((m = HEADING.exec(line))) {
      out.push({ type: 'heading', depth: m[1].length, children: inline(m[2] ?? '', ctx) });
      i++;
    } else if (RULE.test(line)) {
      out.push({ type: 'rule' });
      i++;
    } else if (QUOTE.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && (m = QUOTE.exec(lines[i])); i++) body.push(m[1]);
      out.push({ type: 'blockquote', children: blocks(body, ctx) });
    } else if (ITEM.test(line)) i = list(lines, i, out, ctx);
    else {
      const body = [line.trimStart()];
      for (i++; i < lines.length && !BLANK.test(lines[i]) && !SETEXT.test(lines[i]) && !interrupts(lines[i]); i++) body.push(lines[i].trimStart());
      const setext = i < lines.length ? SETEXT.exec(lines[i]) : null;
      const children = inline(body.join('\n').trimEnd(), ctx);
      if (setext) i++;
      out.push(setext ? { type: 'heading', depth: setext[1][0] === '=' ? 1 : 2, children } : { type: 'paragraph', children });
    }
  }
  return out;
}

/** A list from line `i`: its items' lines (the item's indentation removed) parsed as blocks. Returns the next line. */
function list(lines: string[], i: number, out: Block[], ctx: Context): number {
  const first = ITEM.exec(lines[i])!;
  const ordered = /\d/.test(first[2]);
  const kind = first[2].slice(-1);
  const items: string[][] = [];
  let tight = true;
  let blank = false;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (!m || /\d/.test(m[2]) !== ordered || m[2].slice(-1) !== kind) break;
    if (blank) tight = false;
    const spaces = m[3]?.length ?? 1;
    const indent = m[1].length + m[2].length + (spaces > 4 ? 1 : spaces);
    const body = [m[4] ?? ''];
    blank = false;
    for (i++; i < lines.length; i++) {
      const line = lines[i].replace(/^\t+/, (t) => '    '.repeat(t.length));
      if (BLANK.test(line)) {
        body.push('');
        blank = true;
      } else if (line.length - line.trimStart().length >= indent) {
        if (blank && body.some((l) => !BLANK.test(l))) tight = false;
        body.push(line.slice(indent));
        blank = false;
      } else if (!blank && !interrupts(line) && !ITEM.test(line)) body.push(line);
      else break;
    }
    while (body.length && BLANK.test(body[body.length - 1])) body.pop();
    items.push(body);
  }
  out.push({ type: 'list', ordered, start: ordered ? parseInt(first[2], 10) : 1, tight, items: items.map((body) => blocks(body, ctx)) });
  return i;
}

/** A link's target, or null when it is not relative, http(s) or mailto (e.g. `javascript:`). */
export function safeHref(raw: string): string | null {
  // Browsers drop tabs and line breaks inside URLs: "java\nscript:" is "javascript:".
  const url = raw.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return !scheme || /^(https?|mailto)$/i.test(scheme[1]) ? url : null;
}

/** `[label](target "title")` at `at`: the label, target, title and where it ends, or null. */
function linkAt(src: string, at: number): { label: string; href: string; title?: string; end: number } | null {
  let depth = 0;
  let close = -1;
  for (let j = at; j < src.length && close < 0; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '[') depth++;
    else if (src[j] === ']' && --depth === 0) close = j;
  }
  if (close < 0 || src[close + 1] !== '(') return null;
  const m = /^\(\s*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)(?:\s+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)/.exec(src.slice(close + 1));
  if (!m) return null;
  const href = m[1].startsWith('<') ? m[1].slice(1, -1) : m[1];
  return { label: src.slice(at + 1, close), href, title: m[2]?.slice(1, -1), end: close + 1 + m[0].length };
}

const runAt = (src: string, at: number) => {
  let end = at;
  while (src[end] === src[at]) end++;
  return end - at;
};

/** Whether the delimiter run at [at, at + length) can open (`left`) or close (`right`) emphasis. */
function flanking(src: string, at: number, length: number, side: 'left' | 'right'): boolean {
  const before = src[at - 1] ?? ' ';
  const after = src[at + length] ?? ' ';
  const [inner, outer] = side === 'left' ? [after, before] : [before, after];
  if (SPACE.test(inner) || (PUNCT.test(inner) && !SPACE.test(outer) && !PUNCT.test(outer))) return false;
  // `_` never works inside a word (snake_case stays as it is).
  return src[at] !== '_' || !WORD.test(outer);
}

/** Where the emphasis opened by `length` delimiters at `at` closes, or -1. */
function closerOf(src: string, at: number, length: number): number {
  for (let j = at + length; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '`') j += runAt(src, j) - 1;
    else if (src[j] === src[at]) {
      const run = runAt(src, j);
      if ((run === length || run === 3) && j > at + length && flanking(src, j, run, 'right')) return j + run - length;
      j += run - 1;
    }
  }
  return -1;
}

function inline(src: string, ctx: Context): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const push = (node: Inline) => {
    if (text) out.push({ type: 'text', value: text });
    text = '';
    out.push(node);
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    let m: RegExpExecArray | null;
    if (c === '\\' && src[i + 1] === '\n') {
      push({ type: 'break' });
      i += 2;
    } else if (c === '\\' && PUNCT.test(src[i + 1] ?? '') && src.charCodeAt(i + 1) < 128) {
      text += src[i + 1];
      i += 2;
    } else if (c === '\n') {
      const hard = / {2,}$/.test(text);
      text = text.trimEnd();
      if (hard) push({ type: 'break' });
      else text += '\n';
      i++;
    } else if (c === '`') {
      const run = runAt(src, i);
      const close = src.indexOf('`'.repeat(run), i + run);
      if (close < 0 || runAt(src, close) !== run) {
        text += src.slice(i, i + run);
        i += run;
        continue;
      }
      const code = src.slice(i + run, close).replace(/\n/g, ' ');
      push({ type: 'code', value: /^ .*[^ ].* $/.test(code) ? code.slice(1, -1) : code });
      i = close + run;
    } else if (c === '[' && (m = /^\[(\d{1,3})\](?!\()/.exec(src.slice(i, i + 6)))) {
      const n = Number(m[1]);
      const occurrence = ctx.seen.get(n) ?? 0;
      ctx.seen.set(n, occurrence + 1);
      push({ type: 'citation', n, occurrence, at: ctx.markers++ });
      i += m[0].length;
    } else if (c === '[' || (c === '!' && src[i + 1] === '[')) {
      const link = linkAt(src, c === '!' ? i + 1 : i);
      if (!link) {
        text += c;
        i++;
        continue;
      }
      i = link.end;
      if (c === '!') continue; // images are not shown
      const href = safeHref(link.href);
      const children = inline(link.label, ctx);
      if (href !== null) push({ type: 'link', href, ...(link.title ? { title: link.title } : {}), children });
      else {
        // A link to a target that is not allowed shows its text only.
        if (text) out.push({ type: 'text', value: text });
        text = '';
        out.push(...children);
      }
    } else if (c === '*' || c === '_') {
      const run = runAt(src, i);
      const length = Math.min(run, 3);
      const close = flanking(src, i, run, 'left') ? closerOf(src, i + run - length, length) : -1;
      if (close < 0) {
        text += src.slice(i, i + run);
        i += run;
        continue;
      }
      text += src.slice(i, i + run - length);
      const inner = inline(src.slice(i + run, close), ctx);
      const strong: Inline = { type: 'strong', children: inner };
      push(length === 1 ? { type: 'emphasis', children: inner } : length === 2 ? strong : { type: 'emphasis', children: [strong] });
      i = close + length;
    } else if (c === '&' && (m = ENTITY.exec(src.slice(i, i + 12)))) {
      const code = m[1] ? Number(m[1]) : m[2] ? parseInt(m[2], 16) : -1;
      text += code < 0 ? NAMED[m[3]] : code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      i += m[0].length;
    } else {
      text += c;
      i++;
    }
  }
  if (text) out.push({ type: 'text', value: text });
  return out;
}
