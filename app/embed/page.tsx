import type { Metadata } from 'next';
import type { CSSProperties } from 'react';
import { DISCLAIMER } from '@/lib/answer/safety';
import { getEnv } from '@/lib/env';
import { parseEmbedParams } from '@/lib/widget/embed-params';
import { EmbedChat } from './embed-chat';
import './embed.css';

export const metadata: Metadata = {
  title: 'K2 Health Assistant',
  robots: { index: false },
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * /embed — the chat the widget frames (`/widget.js` adds `?parent=<host origin>&accent=…&q=…`).
 * Who may frame it is enforced by `frame-ancestors` (proxy.ts, EMBED_ALLOWED_ORIGINS).
 */
export default async function EmbedPage({ searchParams }: { searchParams: SearchParams }) {
  const params = parseEmbedParams(await searchParams, getEnv().EMBED_ALLOWED_ORIGINS);
  const theme = { '--accent': params.accent, '--on-accent': params.onAccent } as CSSProperties;
  return (
    <div className="embed-shell" style={theme}>
      <EmbedChat parentOrigin={params.parentOrigin} parentAllowed={params.parentAllowed} starters={params.starters} />
      <p className="embed-disclaimer" data-testid="disclaimer">
        {DISCLAIMER}
      </p>
    </div>
  );
}
