import Link from 'next/link';
import { Chat } from './components/chat';

export default function HomePage() {
  return (
    <div className="app-shell">
      <header className="app-header">
        <Link href="/" className="brand">
          K2 Health Assistant
        </Link>
        <nav>
          <Link href="/sources">Articles</Link>
        </nav>
      </header>
      <Chat />
    </div>
  );
}
