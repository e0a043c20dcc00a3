'use client';

import { useEffect, useRef, useState } from 'react';
import { type ChatMessage, messageText } from '@/lib/answer/ui-message';
import { markStopped } from './stopped';

/** How long a stopped reply may finish out of sight before it is cut off. */
const FINISH_WITHIN_MS = 10_000;

interface Options {
  messages: ChatMessage[];
  /** True while a reply is on its way (useChat's submitted or streaming). */
  streaming: boolean;
  stop(): Promise<void>;
  setMessages(update: (messages: ChatMessage[]) => ChatMessage[]): void;
}

/**
 * Stop that keeps what was shown. The text is frozen at once; the reply itself is left to finish out
 * of sight (briefly) because the sources of the `[n]` markers already shown only arrive with its end.
 * Then the message is kept as stopped: the shown text, with working citations, nothing after it.
 * Stopping before any text arrived cancels the request outright.
 */
export function useStopAnswer({ messages, streaming, stop, setMessages }: Options) {
  const [frozen, setFrozen] = useState<{ id: string; text: string } | null>(null);
  /** Stopped before any answer arrived (cleared by the next question). */
  const [stoppedEarly, setStoppedEarly] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const keep = (id: string, text: string) => setMessages((all) => all.map((m) => (m.id === id ? markStopped(m, text) : m)));

  async function stopAnswer() {
    const last = messages[messages.length - 1];
    const text = last?.role === 'assistant' ? messageText(last) : '';
    if (!text) {
      setStoppedEarly(true);
      await stop();
      if (last?.role === 'assistant') keep(last.id, '');
      return;
    }
    setFrozen({ id: last.id, text });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void stop(), FINISH_WITHIN_MS);
  }

  // The reply has ended (finished, failed or cut off): keep the message as it was shown.
  useEffect(() => {
    if (!frozen || streaming) return;
    window.clearTimeout(timer.current);
    keep(frozen.id, frozen.text);
    setFrozen(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frozen, streaming]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Ends a stopped reply still finishing now (a new question or "New chat" needs the chat). */
  async function release() {
    setStoppedEarly(false);
    if (!frozen) return;
    window.clearTimeout(timer.current);
    await stop();
    keep(frozen.id, frozen.text);
    setFrozen(null);
  }

  return { frozen, stoppedEarly, stopAnswer, release };
}
