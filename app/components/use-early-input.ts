'use client';

import { useEffect, useEffectEvent, useLayoutEffect, useRef } from 'react';

interface EarlyInput {
  text: string;
  send: boolean;
  ready: boolean;
}

declare global {
  interface Window {
    __k2Early?: EarlyInput;
  }
}

/**
 * Takes over from `EarlyInputScript` once the chat is interactive: what was typed before then is put
 * back into the box, and sent if Enter was pressed, as soon as the saved conversation is loaded (`ready`).
 */
export function useEarlyInput(ready: boolean, { send, setInput }: { send(text: string): void; setInput(text: string): void }) {
  const pending = useRef<{ text: string; send: boolean } | null>(null);
  // In the commit that makes the chat interactive, before any further key press can arrive.
  useLayoutEffect(() => {
    const early = window.__k2Early;
    if (!early) return;
    early.ready = true;
    if (early.text.trim()) pending.current = { text: early.text.replace(/\n+$/, ''), send: early.send };
  }, []);
  const restore = useEffectEvent((typed: { text: string; send: boolean }) => (typed.send ? send(typed.text) : setInput(typed.text)));
  useEffect(() => {
    const typed = pending.current;
    if (!ready || !typed) return;
    pending.current = null;
    restore(typed);
  }, [ready]);
}
