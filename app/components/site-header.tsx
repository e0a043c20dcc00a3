import Link from 'next/link';

/** The bar at the top of every full page: the product name (home) and the page's own links. */
export function SiteHeader({ children }: { children: React.ReactNode }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        K2 Health Assistant
      </Link>
      <nav>{children}</nav>
    </header>
  );
}
