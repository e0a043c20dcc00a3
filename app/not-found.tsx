import Link from 'next/link';
import { SiteHeader } from './components/site-header';

export default function NotFound() {
  return (
    <div className="app-shell">
      <SiteHeader>
        <Link href="/">Back to chat</Link>
        <Link href="/sources">Articles</Link>
      </SiteHeader>
      <main className="source-page">
        <h1>Not found</h1>
        <p>There is no page or article at this address.</p>
        <p>
          <Link href="/">← Back to the chat</Link> or <Link href="/sources">see all articles</Link>.
        </p>
      </main>
    </div>
  );
}
