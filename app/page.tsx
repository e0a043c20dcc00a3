import Link from 'next/link';
import { DISCLAIMER } from '@/lib/answer/safety';
import { profileOf } from '@/lib/library/profile';
import { getIndex } from '@/lib/search/store';
import { Chat } from './components/chat';
import { SiteHeader } from './components/site-header';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  // The empty chat offers the library's own questions (library.json, or derived from the articles).
  const { questions, about } = profileOf(await getIndex());
  return (
    <div className="app-shell chat-shell">
      <SiteHeader>
        <Link href="/sources">Articles</Link>
      </SiteHeader>
      <Chat
        examples={questions.slice(0, 4)}
        heading={`Ask about ${about}`}
        footer={
          <p className="chat-disclaimer" data-testid="disclaimer">
            {DISCLAIMER}
          </p>
        }
      />
    </div>
  );
}
