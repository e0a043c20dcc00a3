import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { EarlyInputScript } from './components/early-input-script';
import './globals.css';

export const metadata: Metadata = {
  title: 'K2 Health Assistant — answers from articles on vitamin K2, D, magnesium and calcification',
  description: 'Ask about vitamin K2, vitamin D, magnesium and soft-tissue calcification. Every answer cites the passage it comes from.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  interactiveWidget: 'resizes-content',
};

/** Rendered per request so Next can put this request's CSP nonce on its scripts (see proxy.ts). */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en">
      <body>
        <EarlyInputScript nonce={nonce} />
        {children}
      </body>
    </html>
  );
}
