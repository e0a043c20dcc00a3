'use client';

import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { stripMarkers } from '@/lib/answer/citations';
import { type ChatMessage, messageText } from '@/lib/answer/ui-message';
import type { CitationLinkOptions } from './answer-markdown';
import { preloadAnswerTools } from './answer-tools';
import { ChatError } from './chat-error';
import { Composer, isTooLong } from './composer';
import { MessageItem } from './message-item';
import { isStopped } from './stopped';
import { useChatStream } from './use-chat-stream';
import { useEarlyInput } from './use-early-input';
import { useSavedConversation } from './use-saved-conversation';
import { useStickToBottom } from './use-stick-to-bottom';
import { useStopAnswer } from './use-stop-answer';

export interface ChatProps {
  api?: string;
  citationOptions?: CitationLinkOptions;
  compact?: boolean;
  /** The empty chat's heading: what the library is about. */
  heading?: string;
  /** Starter questions for the empty chat (the pages pass the library's own). */
  examples?: string[];
  /** A question to send from outside (the widget's `ask()`); sent once per new `id`. */
  request?: { id: number; text: string };
  /** Called when a question is sent, and when an answer has finished. */
  onQuestion?: (text: string) => void;
  onAnswer?: (message: ChatMessage) => void;
  placeholder?: string;
  /** localStorage key the conversation is kept under; `false` keeps nothing. Default per mode. */
  storageKey?: string | false;
  /** Shown under the input, always (the page's disclaimer). */
  footer?: ReactNode;
}

/** What a screen reader hears once an answer is complete (the text without `[n]` markers). */
function announcementFor(message: ChatMessage | undefined): string {
  if (message?.role !== 'assistant') return '';
  const text = stripMarkers(messageText(message));
  const sources = message.metadata?.citations?.length ?? 0;
  return `Answer: ${text}${sources ? ` (${sources} source${sources > 1 ? 's' : ''} cited)` : ''}`;
}

export function Chat({ api = '/api/chat', citationOptions, compact = false, examples = [], heading = 'Ask a question about the articles', request, onQuestion, onAnswer, placeholder, storageKey, footer }: ChatProps) {
  const { messages, sendMessage, status, stop, regenerate, error, clearError, setMessages } = useChatStream({ api });
  const [input, setInput] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const scrollerRef = useRef<HTMLElement>(null);
  const streaming = status === 'submitted' || status === 'streaming';
  const { frozen, stoppedEarly, stopAnswer, release } = useStopAnswer({ messages, streaming, stop, setMessages });
  // Busy as the reader sees it: a stopped reply finishing out of sight no longer counts.
  const busy = streaming && !frozen;
  const wasBusy = useRef(false);
  const saved = useSavedConversation({
    storageKey: storageKey ?? (compact ? 'k2-chat-embed' : 'k2-chat'),
    messages,
    setMessages,
    busy: streaming,
    scroller: scrollerRef,
  });
  const { restored, justRestored, forget } = saved;
  const { stick } = useStickToBottom(scrollerRef, [messages, status, error, frozen], justRestored);

  // Announce the answer once, when it is complete — never token by token.
  useEffect(() => {
    if (wasBusy.current && !busy) setAnnouncement(frozen ? 'Answer stopped.' : status === 'ready' ? announcementFor(messages[messages.length - 1]) : '');
    wasBusy.current = busy;
  }, [status, busy, frozen, messages]);

  async function send(text: string) {
    const question = text.trim();
    if (isTooLong(question)) return setInput(text);
    if (!question || busy) return;
    setInput('');
    clearError();
    setAnnouncement('');
    stick();
    onQuestion?.(question);
    preloadAnswerTools();
    await release();
    await sendMessage({ text: question });
  }
  const ask = (text: string) => void send(text);

  useEarlyInput(restored, { send: ask, setInput });

  const sendRequest = useEffectEvent((text: string) => (busy ? setInput(text) : ask(text)));
  useEffect(() => {
    // Wait for the saved conversation, so a question asked from outside joins it instead of racing it.
    if (request && restored) sendRequest(request.text);
  }, [request, restored]);

  const prevStreaming = useRef(streaming);
  useEffect(() => {
    const finished = prevStreaming.current && !streaming && status === 'ready';
    prevStreaming.current = streaming;
    const answer = messages[messages.length - 1];
    if (finished && !frozen && answer?.role === 'assistant' && !isStopped(answer)) onAnswer?.(answer);
  }, [streaming, status, messages, frozen, onAnswer]);

  async function regenerateLast() {
    stick();
    clearError();
    await release();
    await regenerate();
  }
  const retry = () => void regenerateLast();

  function newChat() {
    if (streaming) void stop();
    clearError();
    setMessages([]);
    forget();
    setAnnouncement('');
    setInput('');
    inputRef.current?.focus();
  }

  const last = messages[messages.length - 1];
  const lastStatus = last?.role === 'assistant' ? last.metadata?.status : undefined;
  // Regenerate where another try can help: a finished or stopped answer, or a question stopped before its answer.
  const canRegenerate = !busy && !error && !!last && (lastStatus === 'answered' || isStopped(last) || last.role === 'user');
  return (
    <main className={`chat${compact ? ' chat-compact' : ''}`}>
      {messages.length > 0 && (
        <div className="chat-toolbar">
          {storageKey !== false && <span className="saved-note">This chat is saved in this browser only.</span>}
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
            <h1>{heading}</h1>
            <p>Answers come only from a small library of articles, and every sentence links to the passage it comes from.</p>
            <ul className="examples">
              {examples.map((q) => (
                <li key={q}>
                  <button type="button" onClick={() => ask(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            streaming={busy && m === last && m.role === 'assistant'}
            frozenText={frozen?.id === m.id ? frozen.text : undefined}
            options={citationOptions}
            onAsk={busy ? undefined : ask}
          />
        ))}
        {status === 'submitted' && last?.role === 'user' && <p className="typing status-line">Finding the relevant passages…</p>}
        {stoppedEarly && !busy && last?.role === 'user' && <p className="stopped-note">Stopped before the answer began.</p>}
        {error && <ChatError error={error} onRetry={retry} />}
        {canRegenerate && (
          <div className="message-actions">
            <button type="button" onClick={retry}>
              Regenerate
            </button>
          </div>
        )}
      </section>
      <div className="chat-bottom">
        <Composer
          value={input}
          onChange={setInput}
          onSend={() => ask(input)}
          onStop={() => void stopAnswer()}
          busy={busy}
          placeholder={placeholder}
          autoFocus={!compact}
          inputRef={inputRef}
        />
        {footer}
      </div>
    </main>
  );
}
