/** Paths that other sites may frame (the widget's chat frame). */
export const EMBED_PATH = '/embed';

export interface CspOptions {
  nonce: string;
  /** Origins that may frame this response; empty = only this site. `['*']` = anyone. */
  frameAncestors: string[];
  dev?: boolean;
}

/**
 * A strict Content-Security-Policy: scripts only from this origin with the per-request nonce (no
 * inline-script holes), no plugins, no foreign form targets, framing limited to `frameAncestors`.
 */
export function contentSecurityPolicy({ nonce, frameAncestors, dev = false }: CspOptions): string {
  const ancestors = frameAncestors.length ? frameAncestors.join(' ') : "'self'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** Who may frame a path: the embed page follows EMBED_ALLOWED_ORIGINS (unset = any), the rest only us. */
export function frameAncestorsFor(pathname: string, allowedOrigins: string[]): string[] {
  if (pathname === EMBED_PATH || pathname.startsWith(`${EMBED_PATH}/`)) return allowedOrigins.length ? ["'self'", ...allowedOrigins] : ['*'];
  return [];
}

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
};
