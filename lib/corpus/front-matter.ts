export interface FrontMatter {
  data: Record<string, string>;
  body: string;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** Splits simple `key: value` front matter from a document. Values are single-line strings. */
export function parseFrontMatter(raw: string): FrontMatter {
  const match = FENCE.exec(raw);
  if (!match) return { data: {}, body: raw };
  const data: Record<string, string> = {};
  for (const line of match[1].split(/\r?\n/)) {
    const sep = line.indexOf(':');
    if (sep <= 0) continue;
    const key = line.slice(0, sep).trim().toLowerCase();
    const value = line.slice(sep + 1).trim().replace(/^(["'])(.*)\1$/, '$2');
    if (key) data[key] = value;
  }
  return { data, body: raw.slice(match[0].length) };
}
