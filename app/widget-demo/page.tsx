import { SiteHeader } from '@/app/components/site-header';
import Link from 'next/link';
import { headers } from 'next/headers';
import { originFromHeaders } from '@/lib/http/request';
import { profileOf } from '@/lib/library/profile';
import { getIndex } from '@/lib/search/store';
import { DemoControls } from './demo-controls';
import './demo.css';

export const metadata = { title: 'Embed the assistant — K2 Health Assistant' };

/** /widget-demo — the snippet a site owner copies, and the widget itself live on this page. */
export default async function WidgetDemoPage() {
  const h = await headers();
  const profile = profileOf(await getIndex());
  const STARTERS = profile.questions.slice(0, 2).join('|');
  const title = `Ask about ${profile.name}`;
  const origin = originFromHeaders(h, 'http://localhost:3000');
  const snippet = `<script src="${origin}/widget.js" async\n  data-title="${title}"\n  data-accent="#0f6e5a"\n  data-position="bottom-right"\n  data-starters="${STARTERS}"></script>`;
  return (
    <div className="app-shell">
      <SiteHeader>
        <Link href="/">Back to chat</Link>
      </SiteHeader>
      <main className="source-page">
        <h1>Add the assistant to your site</h1>
        <p>Paste this before <code>&lt;/body&gt;</code>. A launcher appears in the corner; the chat opens in a frame, so your styles and ours never mix.</p>
        <pre className="snippet">
          <code>{snippet}</code>
        </pre>
        <h2>Options</h2>
        <ul>
          <li><code>data-title</code> — the panel&apos;s title (and the launcher&apos;s label).</li>
          <li><code>data-accent</code> — a colour as <code>#rgb</code> or <code>#rrggbb</code>.</li>
          <li><code>data-position</code> — <code>bottom-right</code> (default) or <code>bottom-left</code>.</li>
          <li><code>data-open=&quot;true&quot;</code> — open the panel when the page loads.</li>
          <li><code>data-starters</code> — up to four starter questions separated by <code>|</code>.</li>
        </ul>
        <h2>JavaScript API and events</h2>
        <p>
          <code>K2Assistant.open()</code>, <code>close()</code>, <code>toggle()</code>, <code>ask(text)</code> and{' '}
          <code>on(type, fn)</code>; events <code>k2-assistant:ready | open | close | question | answer</code> on <code>window</code>.
        </p>
        <DemoControls />
        <h2>Your Content-Security-Policy</h2>
        <p>
          If your site sends a CSP, allow this origin in <code>script-src</code> and <code>frame-src</code> (e.g.{' '}
          <code>script-src &apos;self&apos; {origin}; frame-src {origin}</code>). The widget needs no inline scripts or styles and works
          with Trusted Types. To limit which sites may embed it, set <code>EMBED_ALLOWED_ORIGINS</code> on the server.
        </p>
      </main>
      <script src="/widget.js" async nonce={h.get('x-nonce') ?? undefined} data-title={title} data-starters={STARTERS} />
    </div>
  );
}
