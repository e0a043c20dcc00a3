import { getEnv } from '@/lib/env';
import { publicOrigin } from '@/lib/http/request';
import { WIDGET_CACHE_CONTROL, widgetScript } from '@/lib/widget/widget-script';

// Read at request time: EMBED_ALLOWED_ORIGINS is baked into the script per deployment, not per build.
export const dynamic = 'force-dynamic';

/** GET /widget.js — the embeddable loader (see lib/widget/loader.js), cacheable and revalidated by ETag. */
export function GET(request: Request) {
  const { body, etag } = widgetScript({ allowedOrigins: getEnv().EMBED_ALLOWED_ORIGINS, origin: publicOrigin(request) });
  const headers = {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': WIDGET_CACHE_CONTROL,
    ETag: etag,
    // Loaded by other sites: allow it cross-origin (also lets hosts use integrity= with crossorigin).
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Access-Control-Allow-Origin': '*',
  };
  const matches = request.headers.get('if-none-match')?.split(',').some((t) => t.trim() === etag);
  if (matches) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
