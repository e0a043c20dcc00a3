'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Chat } from '@/app/components/chat';
import { MAX_QUESTION_CHARS } from '@/lib/answer/limits';
import type { ChatMessage } from '@/lib/answer/ui-message';

export interface EmbedChatProps {
  /** The host page's origin from the query (checked here against the real ancestor before use). */
  parentOrigin: string | null;
  /** Whether EMBED_ALLOWED_ORIGINS allows that origin (our own origin always is). */
  parentAllowed: boolean;
  starters: string[];
}

type ToHost = { type: 'ready' } | { type: 'close' } | { type: 'question'; text: string } | { type: 'answer'; status: string; citations: number };

/** The parent we may talk to: framed, allowed, and (where the browser tells us) really our ancestor. */
function trustedParent(parentOrigin: string | null, parentAllowed: boolean): string | null {
  if (!parentOrigin || window.parent === window) return null;
  if (!parentAllowed && parentOrigin !== window.location.origin) return null;
  const ancestor = window.location.ancestorOrigins?.[0];
  return ancestor && ancestor !== parentOrigin ? null : parentOrigin;
}

/**
 * The chat inside the widget's frame. Talks to the loader on the host page with postMessage (origin
 * and source checked both ways): ready, close (Escape), question, answer out; ask and focus in.
 */
export function EmbedChat({ parentOrigin, parentAllowed, starters }: EmbedChatProps) {
  const [baseUrl, setBaseUrl] = useState<string>();
  const [request, setRequest] = useState<{ id: number; text: string }>();
  const parent = useRef<string | null>(null);

  const post = useCallback((message: ToHost) => {
    if (parent.current) window.parent.postMessage({ source: 'k2-embed', ...message }, parent.current);
  }, []);

  useEffect(() => {
    setBaseUrl(window.location.origin);
    const trusted = trustedParent(parentOrigin, parentAllowed);
    parent.current = trusted;
    function onMessage(event: MessageEvent) {
      if (!trusted || event.source !== window.parent || event.origin !== trusted) return;
      const m = event.data as { source?: unknown; type?: unknown; text?: unknown } | null;
      if (!m || m.source !== 'k2-assistant') return;
      if (m.type === 'ask' && typeof m.text === 'string' && m.text.trim()) {
        const text = m.text.slice(0, MAX_QUESTION_CHARS);
        setRequest((r) => ({ id: (r?.id ?? 0) + 1, text }));
      } else if (m.type === 'focus') {
        document.getElementById('chat-input')?.focus();
      }
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape' && !event.defaultPrevented) post({ type: 'close' });
    }
    window.addEventListener('message', onMessage);
    window.addEventListener('keydown', onKeyDown);
    post({ type: 'ready' });
    return () => {
      window.removeEventListener('message', onMessage);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [parentOrigin, parentAllowed, post]);

  const citationOptions = useMemo(() => ({ baseUrl, newTab: true }), [baseUrl]);
  const onQuestion = useCallback((text: string) => post({ type: 'question', text }), [post]);
  const onAnswer = useCallback(
    (m: ChatMessage) => post({ type: 'answer', status: m.metadata?.status ?? 'answered', citations: m.metadata?.citations?.length ?? 0 }),
    [post],
  );

  return (
    <Chat
      compact
      placeholder="Ask a question…"
      citationOptions={citationOptions}
      examples={starters.length ? starters : undefined}
      request={request}
      onQuestion={onQuestion}
      onAnswer={onAnswer}
    />
  );
}
