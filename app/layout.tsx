import type { Metadata, Viewport } from 'next';
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
