import type { Metadata } from 'next';
import type { CSSProperties } from 'react';
import { DISCLAIMER } from '@/lib/answer/safety';
import { getEnv } from '@/lib/env';
import { profileOf } from '@/lib/library/profile';
import { getIndex } from '@/lib/search/store';
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
  // The site owner's starters (data-starters), else the library's own questions.
  const starters = params.starters.length ? params.starters : profileOf(await getIndex()).questions.slice(0, 4);
  return (
    <div className="embed-shell" style={theme}>
      <EmbedChat parentOrigin={params.parentOrigin} parentAllowed={params.parentAllowed} starters={starters} />
      <p className="embed-disclaimer" data-testid="disclaimer">
        {DISCLAIMER}
      </p>
    </div>
  );
}
