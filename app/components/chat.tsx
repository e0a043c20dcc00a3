'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useEffect, useEffectEvent, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { EXAMPLE_QUESTIONS } from '@/lib/answer/examples';
import { MAX_QUESTION_CHARS } from '@/lib/answer/input-schema';
import { stripMarkers } from '@/lib/answer/citations';
import { type ChatMessage, messageText } from '@/lib/answer/ui-message';
import type { CitationLinkOptions } from './answer-markdown';
import { MessageItem } from './message-item';
import { useSavedConversation } from './use-saved-conversation';

export interface ChatProps {
  api?: string;
  citationOptions?: CitationLinkOptions;
  compact?: boolean;
  /** Starter questions for the empty chat (default: EXAMPLE_QUESTIONS). */
  examples?: string[];
  /** A question to send from outside (the widget's `ask()`); sent once per new `id`. */
  request?: { id: number; text: string };
  /** Called when a question is sent, and when an answer has finished. */
  onQuestion?: (text: string) => void;
  onAnswer?: (message: ChatMessage) => void;
  placeholder?: string;
  /** localStorage key the conversation is kept under; `false` keeps nothing. Default per mode. */
  storageKey?: string | false;
}

/** Reads the `{ error: { message } }` body our API sends, falling back to the raw text. */
function errorMessage(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // not JSON
  }
  return error.message || 'Something went wrong. Please try again.';
}

/** What a screen reader hears once an answer is complete (the text without `[n]` markers). */
function announcementFor(message: ChatMessage | undefined): string {
  if (message?.role !== 'assistant') return '';
  const text = stripMarkers(messageText(message));
  const sources = message.metadata?.citations?.length ?? 0;
  return `Answer: ${text}${sources ? ` (${sources} source${sources > 1 ? 's' : ''} cited)` : ''}`;
}

export function Chat({ api = '/api/chat', citationOptions, compact = false, examples = EXAMPLE_QUESTIONS, request, onQuestion, onAnswer, placeholder, storageKey }: ChatProps) {
  const transport = useMemo(() => new DefaultChatTransport<ChatMessage>({ api }), [api]);
  const { messages, sendMessage, status, stop, regenerate, error, clearError, setMessages } = useChat<ChatMessage>({ transport });
  const [input, setInput] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLElement>(null);
  const wasBusy = useRef(false);
  const busy = status === 'submitted' || status === 'streaming';
  const { restored, justRestored, forget } = useSavedConversation({
    storageKey: storageKey ?? (compact ? 'k2-chat-embed' : 'k2-chat'),
    messages,
    setMessages,
    busy,
    scroller: scrollerRef,
  });

  useEffect(() => {
    if (justRestored.current) {
      justRestored.current = false;
      return;
    }
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages, justRestored]);

  // Announce the answer once, when it is complete — never token by token.
  useEffect(() => {
    if (wasBusy.current && status === 'ready') setAnnouncement(announcementFor(messages[messages.length - 1]));
    wasBusy.current = busy;
  }, [status, busy, messages]);

  function send(text: string) {
    const question = text.trim();
    if (!question || busy) return;
    clearError();
    setAnnouncement('');
    void sendMessage({ text: question });
    setInput('');
    onQuestion?.(question);
  }

  const sendRequest = useEffectEvent((text: string) => (busy ? setInput(text) : send(text)));
  useEffect(() => {
    // Wait for the saved conversation, so a question asked from outside joins it instead of racing it.
    if (request && restored) sendRequest(request.text);
  }, [request, restored]);

  const prevStatus = useRef(status);
  useEffect(() => {
    const finished = (prevStatus.current === 'streaming' || prevStatus.current === 'submitted') && status === 'ready';
    prevStatus.current = status;
    const answer = messages[messages.length - 1];
    if (finished && answer?.role === 'assistant') onAnswer?.(answer);
  }, [status, messages, onAnswer]);

  function newChat() {
    if (busy) void stop();
    clearError();
    setMessages([]);
    forget();
    setAnnouncement('');
    setInput('');
    inputRef.current?.focus();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    send(input);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send(input);
    }
  }

  const last = messages[messages.length - 1];
  return (
    <main className={`chat${compact ? ' chat-compact' : ''}`}>
      {messages.length > 0 && (
        <div className="chat-toolbar">
          <button type="button" onClick={newChat} className="new-chat">
            New chat
          </button>
        </div>
      )}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="answer-announcer">
        {announcement}
      </div>
      <section className="messages" aria-label="Conversation" ref={scrollerRef}>
        {restored && messages.length === 0 && (
          <div className="empty-state">
            <h1>Ask about vitamin K2, vitamin D, magnesium and calcification</h1>
            <p>Answers come only from a small library of articles, and every sentence links to the passage it comes from.</p>
            <ul className="examples">
              {examples.map((q) => (
                <li key={q}>
                  <button type="button" onClick={() => send(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} streaming={busy && m === last && m.role === 'assistant'} options={citationOptions} />
        ))}
        {status === 'submitted' && last?.role === 'user' && <p className="typing">Finding the relevant passages…</p>}
        {error && (
          <div className="chat-error" role="alert">
            <p>{errorMessage(error)}</p>
            <button type="button" onClick={() => void regenerate()}>
              Try again
            </button>
          </div>
        )}
        {status === 'ready' && last?.role === 'assistant' && (
          <div className="message-actions">
            <button type="button" onClick={() => void regenerate()}>
              Regenerate
            </button>
          </div>
        )}
        <div ref={endRef} />
      </section>
      <form className="composer" onSubmit={onSubmit}>
        <label htmlFor="chat-input" className="visually-hidden">
          Your question
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          data-testid="chat-input"
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={placeholder ?? 'Ask a question… (Enter to send, Shift+Enter for a new line)'}
          rows={1}
          maxLength={MAX_QUESTION_CHARS}
          autoFocus={!compact}
        />
        {busy ? (
          <button type="button" onClick={() => void stop()} className="stop">
            Stop
          </button>
        ) : (
          <button type="submit" disabled={!input.trim()}>
            Send
          </button>
        )}
      </form>
    </main>
  );
}
