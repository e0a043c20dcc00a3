import Link from 'next/link';
import { DISCLAIMER } from '@/lib/answer/safety';
import { Chat } from './components/chat';
import { SiteHeader } from './components/site-header';

export default function HomePage() {
  return (
    <div className="app-shell chat-shell">
      <SiteHeader>
        <Link href="/sources">Articles</Link>
      </SiteHeader>
      <Chat
        footer={
          <p className="chat-disclaimer" data-testid="disclaimer">
            {DISCLAIMER}
          </p>
        }
      />
    </div>
  );
}
