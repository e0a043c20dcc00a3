'use client';

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@/lib/answer/ui-message';

/** Most messages kept in the browser; older ones are dropped first. */
const MAX_SAVED = 60;

function isMessage(v: unknown): v is ChatMessage {
  const m = v as ChatMessage;
  return !!m && typeof m.id === 'string' && (m.role === 'user' || m.role === 'assistant') && Array.isArray(m.parts);
}

export function readSaved(key: string): ChatMessage[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isMessage) : [];
  } catch {
    return [];
  }
}

interface Options {
  storageKey: string | false;
  messages: ChatMessage[];
  setMessages(messages: ChatMessage[]): void;
  /** True while an answer is being generated (nothing is saved half-way). */
  busy: boolean;
  /** The scrolling list of messages. */
  scroller: React.RefObject<HTMLElement | null>;
}

/**
 * Keeps the conversation across reloads and visits to the source pages: messages in localStorage
 * (this browser only), the scroll position in sessionStorage when leaving, both restored on return.
 * Returns whether the saved conversation has been restored, and a function that forgets it.
 */
export function useSavedConversation({ storageKey, messages, setMessages, busy, scroller }: Options) {
  const [restored, setRestored] = useState(!storageKey);
  const pendingScroll = useRef<{ y: number; top: number } | null>(null);
  const justRestored = useRef(false);
  const scrollKey = `${storageKey}:scroll`;

  useEffect(() => {
    if (!storageKey) return;
    const saved = readSaved(storageKey);
    try {
      pendingScroll.current = JSON.parse(window.sessionStorage.getItem(scrollKey) ?? 'null');
      window.sessionStorage.removeItem(scrollKey);
    } catch {
      pendingScroll.current = null;
    }
    if (saved.length) setMessages(saved);
    setRestored(true);
    // Restore once, on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    const at = pendingScroll.current;
    if (!restored || !at || !messages.length) return;
    pendingScroll.current = null;
    justRestored.current = true;
    window.scrollTo(0, at.y);
    if (scroller.current) scroller.current.scrollTop = at.top;
  }, [restored, messages, scroller]);

  useEffect(() => {
    if (!storageKey || !restored || busy) return;
    try {
      // An empty conversation is never written: "New chat" forgets explicitly (see `forget`).
      if (messages.length) window.localStorage.setItem(storageKey, JSON.stringify(messages.slice(-MAX_SAVED)));
    } catch {
      // storage full or disabled: the conversation just isn't kept
    }
  }, [storageKey, restored, busy, messages]);

  useEffect(() => {
    if (!storageKey) return;
    const remember = () => {
      try {
        window.sessionStorage.setItem(scrollKey, JSON.stringify({ y: window.scrollY, top: scroller.current?.scrollTop ?? 0 }));
      } catch {
        // ignore
      }
    };
    window.addEventListener('pagehide', remember);
    return () => window.removeEventListener('pagehide', remember);
  }, [storageKey, scrollKey, scroller]);

  /** Set right after the scroll position was restored: the caller should not jump to the end then. */
  const forget = () => {
    if (!storageKey) return;
    try {
      window.localStorage.removeItem(storageKey);
    } catch {
      // ignore
    }
  };
  return { restored, justRestored, forget };
}
