'use client';

import { useLayoutEffect, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { MAX_QUESTION_CHARS } from '@/lib/answer/limits';

/** The counter appears this close to the limit. */
const COUNT_FROM = MAX_QUESTION_CHARS - 200;
const fmt = (n: number) => n.toLocaleString('en');

export interface ComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(): void;
  onStop(): void;
  /** A reply is on its way: the button stops it. */
  busy: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export const isTooLong = (text: string) => text.trim().length > MAX_QUESTION_CHARS;

/**
 * The question box: grows with its text up to a few lines, counts characters near the limit (text
 * over it is kept, not cut, and cannot be sent until shortened), and shows the keyboard hint only
 * where there is a keyboard (fine pointer, hover), so the placeholder stays short on phones.
 */
export function Composer({ value, onChange, onSend, onStop, busy, placeholder, autoFocus, inputRef }: ComposerProps) {
  const length = value.trim().length;
  const over = length - MAX_QUESTION_CHARS;

  useLayoutEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  }, [value, inputRef]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onSend();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSend();
    }
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-row">
        <label htmlFor="chat-input" className="visually-hidden">
          Your question
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          data-testid="chat-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={placeholder ?? 'Ask a question…'}
          rows={1}
          aria-describedby="chat-input-count"
          aria-invalid={over > 0 || undefined}
          autoFocus={autoFocus}
        />
        {busy ? (
          <button type="button" onClick={onStop} className="stop">
            Stop
          </button>
        ) : (
          <button type="submit" disabled={!length || over > 0}>
            Send
          </button>
        )}
      </div>
      <div className="composer-meta">
        <span className="composer-hint" aria-hidden="true">
          Enter to send · Shift+Enter for a new line
        </span>
        <span id="chat-input-count" className={`composer-count${over > 0 ? ' over' : ''}`} data-testid="chat-input-count" aria-live="polite">
          {length >= COUNT_FROM &&
            (over > 0
              ? `${fmt(length)} / ${fmt(MAX_QUESTION_CHARS)} — ${fmt(over)} too many to send; please shorten it`
              : `${fmt(length)} / ${fmt(MAX_QUESTION_CHARS)}`)}
        </span>
      </div>
    </form>
  );
}
