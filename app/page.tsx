import Link from 'next/link';
import { Chat } from './components/chat';
import { SiteHeader } from './components/site-header';

export default function HomePage() {
  return (
    <div className="app-shell">
      <SiteHeader>
        <Link href="/sources">Articles</Link>
      </SiteHeader>
      <Chat />
    </div>
  );
}
