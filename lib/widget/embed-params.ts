/** The widget frame's query (`/embed?parent=…&accent=…&q=…`), validated: bad values fall back, never fail. */
export interface EmbedParams {
  /** The host page's origin, for postMessage; null when missing or malformed. */
  parentOrigin: string | null;
  /** Whether EMBED_ALLOWED_ORIGINS lets that origin embed us (our own origin is checked in the browser). */
  parentAllowed: boolean;
  accent: string;
  onAccent: string;
  starters: string[];
}

export const DEFAULT_ACCENT = '#0f6e5a';
const HEX_COLOR = /^#(?:[0-9a-f]{3}){1,2}$/i;
const MAX_STARTERS = 4;
const MAX_STARTER_CHARS = 200;

type Query = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** `https://a.example` from an origin string; null for anything that is not exactly an http(s) origin. */
export function normalizeOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === value.replace(/\/+$/, '').toLowerCase() ? url.origin : null;
  } catch {
    return null;
  }
}

/** Dark text on light accents, white on dark ones (WCAG relative luminance), as the loader does. */
export function onAccentColor(hex: string): string {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, '$&$&') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#111' : '#fff';
}

/**
 * Reads the frame's query. `allowedOrigins` is EMBED_ALLOWED_ORIGINS (empty = any): a parent outside
 * it gets no messages (and the browser refuses to frame the page for it anyway, by frame-ancestors).
 */
export function parseEmbedParams(query: Query, allowedOrigins: string[]): EmbedParams {
  const parent = normalizeOrigin(first(query.parent));
  const allowed = allowedOrigins.map((o) => o.toLowerCase());
  const parentAllowed = !!parent && (!allowed.length || allowed.includes(parent));
  const accentValue = first(query.accent) ?? '';
  const accent = HEX_COLOR.test(accentValue) ? accentValue.toLowerCase() : DEFAULT_ACCENT;
  const starters = all(query.q)
    .map((q) => q.trim().slice(0, MAX_STARTER_CHARS))
    .filter(Boolean)
    .slice(0, MAX_STARTERS);
  return { parentOrigin: parent, parentAllowed, accent, onAccent: onAccentColor(accent), starters };
}
