'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessage } from '@/lib/answer/ui-message';
import { applyChunk, readChunks, startState } from './ui-message-stream';

export type ChatStatus = 'submitted' | 'streaming' | 'ready' | 'error';
type Update = ChatMessage[] | ((messages: ChatMessage[]) => ChatMessage[]);

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 16 random letters and digits, like the AI SDK's ids (getRandomValues works outside secure contexts too). */
export const generateId = (): string => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => ALPHABET[b % ALPHABET.length]).join('');

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/**
 * The chat's connection to `POST /api/chat`: what `useChat` from @ai-sdk/react with its
 * `DefaultChatTransport` does for this app — the same request (`{ id, messages, trigger, messageId }`),
 * the same UI message stream read into the same messages, and the same `messages`, `status`
 * (submitted → streaming → ready | error), `error`, `sendMessage`, `regenerate`, `stop`,
 * `clearError` and `setMessages` — without the SDK's client code in the browser (about 95 KB gzipped
 * with the zod schemas it validates chunks with; see README, "Page weight"). Unlike `useChat`,
 * emptying the messages starts a new conversation: the next request is sent with a new `id`.
 * A failed response's body becomes the error's message (the API's JSON error, for `friendlyError`);
 * a stream's `error` chunk its text. Stop aborts the request and keeps what arrived, as `useChat` does.
 */
export function useChatStream({ api }: { api: string }) {
  const [messages, setState] = useState<ChatMessage[]>([]);
  const [status, setStatus] = useState<ChatStatus>('ready');
  const [error, setError] = useState<Error>();
  const current = useRef<ChatMessage[]>([]);
  const active = useRef<AbortController | null>(null);
  const chatId = useRef<string | null>(null);

  const setMessages = useCallback((update: Update) => {
    current.current = typeof update === 'function' ? update(current.current) : update;
    // A cleared conversation ("New chat") is a new one: its first request makes a new id.
    if (!current.current.length) chatId.current = null;
    setState(current.current);
  }, []);

  const request = useCallback(
    async (trigger: 'submit-message' | 'regenerate-message') => {
      active.current?.abort();
      const controller = new AbortController();
      active.current = controller;
      const mine = () => active.current === controller;
      setError(undefined);
      setStatus('submitted');
      chatId.current ??= generateId();
      let state = startState(generateId());
      const show = () => setMessages((all) => (all.at(-1)?.id === state.message.id ? [...all.slice(0, -1), state.message] : [...all, state.message]));
      try {
        const res = await fetch(api, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: chatId.current, messages: current.current, trigger }),
          signal: controller.signal,
        });
        if (!res.ok) throw new Error((await res.text()) || 'Failed to fetch the chat response.');
        if (!res.body) throw new Error('The response body is empty.');
        let shown = false;
        for await (const batch of readChunks(res.body)) {
          if (!mine()) break;
          const before = state;
          try {
            for (const chunk of batch) state = applyChunk(state, chunk);
          } finally {
            // What arrived before an error chunk is shown, as with useChat; a reply that is only an error adds no message.
            if (shown || state !== before) show();
            shown ||= state !== before;
          }
          setStatus('streaming');
        }
        if (mine()) setStatus('ready');
      } catch (e) {
        if (!mine()) return;
        if (isAbort(e)) return setStatus('ready');
        setError(e instanceof Error ? e : new Error(String(e)));
        setStatus('error');
      } finally {
        if (mine()) active.current = null;
      }
    },
    [api, setMessages],
  );

  const sendMessage = useCallback(
    async ({ text }: { text: string }) => {
      setMessages((all) => [...all, { id: generateId(), role: 'user', parts: [{ type: 'text', text }] }]);
      await request('submit-message');
    },
    [request, setMessages],
  );

  /** Asks the last question again: its answer (if any) is replaced. */
  const regenerate = useCallback(async () => {
    const last = current.current.at(-1);
    if (!last) return;
    if (last.role === 'assistant') setMessages((all) => all.slice(0, -1));
    await request('regenerate-message');
  }, [request, setMessages]);

  const stop = useCallback(async () => active.current?.abort(), []);

  const clearError = useCallback(() => {
    setError(undefined);
    setStatus((s) => (s === 'error' ? 'ready' : s));
  }, []);

  // Leaving the page (or the widget) ends a reply still on its way, as useChat does.
  useEffect(() => () => active.current?.abort(), []);

  return { messages, status, error, sendMessage, regenerate, stop, clearError, setMessages };
}
