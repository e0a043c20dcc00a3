import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="source-page">
      <h1>Not found</h1>
      <p>There is no page or article at this address.</p>
      <p>
        <Link href="/sources">See all articles</Link> or <Link href="/">ask a question</Link>.
      </p>
    </main>
  );
}
