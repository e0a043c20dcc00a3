import { createServer, type Server } from 'node:http';

/** Host CSS meant to break widgets: recolours and hides everything it can reach. */
export const HOSTILE_CSS = `
* { color: red !important; font-family: "Comic Sans MS", cursive !important; letter-spacing: 2px !important; }
button { display: none; }
iframe { display: none !important; }
div { border: 3px dashed orange !important; padding: 10px; }
svg, path { fill: lime !important; stroke: lime !important; }
[data-testid], [aria-label] { visibility: hidden !important; }
body { background: #fffbe6; font-size: 22px; }
body > :last-child { display: none !important; opacity: 0.1 !important; }
`;

/** Records the widget's events on the host page (an external file: the host's CSP has no inline scripts). */
const HOST_JS = `
window.__widgetEvents = [];
['ready', 'open', 'close', 'question', 'answer'].forEach(function (t) {
  window.addEventListener('k2-assistant:' + t, function (e) { window.__widgetEvents.push({ type: t, detail: e.detail || null }); });
});
`;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface HostPage {
  origin: string;
  /** The hostile page loading `${app}/widget.js` with these data- attributes. */
  widgetUrl(app: string, data?: Record<string, string>): string;
  /** A page that frames `${app}/embed` directly (no loader), to see frame-ancestors at work. */
  frameUrl(app: string): string;
  stop(): Promise<void>;
}

/**
 * A site on another origin (its own port on 127.0.0.1) that embeds the widget the way the README
 * says: a strict CSP allowing the app's origin in script-src and frame-src only, no inline styles.
 */
export async function startHostPage(): Promise<HostPage> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const app = url.searchParams.get('app') ?? '';
    if (url.pathname === '/hostile.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(HOSTILE_CSS);
    if (url.pathname === '/host.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(HOST_JS);
    const csp = `default-src 'self'; script-src 'self' ${app}; frame-src ${app}; style-src 'self'; img-src 'self'; require-trusted-types-for 'script'`;
    const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>A clinic's blog</title><link rel="stylesheet" href="/hostile.css"><script src="/host.js"></script></head>`;
    const article = `<h1>Our clinic's blog</h1><p id="host-text">Vitamin K2 comes up a lot in our consultations. Here is what we tell patients.</p><button type="button">Host button</button><p><a href="#more">Read more</a></p>`;
    if (url.pathname === '/') {
      const attrs = [...url.searchParams].filter(([k]) => k.startsWith('data-')).map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
      const body = `${head}<body>${article}<script src="${escape(app)}/widget.js" async${attrs}></script></body></html>`;
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).end(body);
    }
    if (url.pathname === '/frame') {
      const src = `${app}/embed?parent=${encodeURIComponent(origin)}`;
      const body = `${head}<body>${article}<iframe id="direct" title="direct" src="${escape(src)}" width="400" height="500"></iframe></body></html>`;
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).end(body);
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const query = (app: string, data: Record<string, string> = {}) => new URLSearchParams({ app, ...data }).toString();
  return {
    origin,
    widgetUrl: (app, data) => `${origin}/?${query(app, data)}`,
    frameUrl: (app) => `${origin}/frame?${query(app)}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
