import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the loader needs from the server: who may embed it, and our origin if `currentScript` is unknown. */
export interface WidgetConfig {
  allowedOrigins: string[];
  origin: string;
}

export interface WidgetScript {
  body: string;
  etag: string;
}

let source: string | undefined;

/** The readable loader source (`lib/widget/loader.js`), read once per process. */
export function loaderSource(root = process.cwd()): string {
  source ??= readFileSync(path.join(root, 'lib', 'widget', 'loader.js'), 'utf8').trim();
  return source;
}

/** Drops whole-line comments and indentation (a few hundred bytes); the code itself is served as written. */
export function stripComments(src: string): string {
  return src
    .replace(/^[ \t]*\/\*[\s\S]*?\*\/[ \t]*\n/gm, '')
    .replace(/^[ \t]*\/\/.*\n/gm, '')
    .replace(/^[ \t]+/gm, '');
}

/** `/widget.js`: the loader called with this deployment's config, and a strong ETag of the result. */
export function widgetScript(config: WidgetConfig, src = stripComments(loaderSource())): WidgetScript {
  const json = JSON.stringify({ allowedOrigins: config.allowedOrigins.map((o) => o.toLowerCase()), origin: config.origin }).replace(/</g, '\\u003c');
  const body = `/* K2 Health Assistant widget: ${config.origin}/widget-demo */\n(${src})(${json});\n`;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}

/** Caching for a URL that is not versioned: browsers reuse it for 5 minutes, then revalidate by ETag. */
export const WIDGET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';
