'use client';

import { useState, type MouseEvent } from 'react';

/**
 * Returns to the chat as it was: history back when the chat opened this page (the browser restores
 * the page, and the chat restores its saved conversation and scroll position), else a plain link.
 * Opened from the widget, the page is a tab of its own and the conversation is on the site that
 * embeds it: the button closes this tab, and says to when the browser does not let it.
 */
export function BackToConversation({ fromWidget = false }: { fromWidget?: boolean }) {
  const [closeByHand, setCloseByHand] = useState(false);
  if (fromWidget) {
    // In its place, so the header keeps its size on a phone.
    if (closeByHand) {
      return (
        <span role="status" className="back-note">
          Close this tab to return to the chat
        </span>
      );
    }
    return (
      <button
        type="button"
        className="back-link"
        data-testid="back-to-widget"
        onClick={() => {
          window.close();
          window.setTimeout(() => setCloseByHand(!window.closed), 200);
        }}
      >
        ← Back to the conversation
      </button>
    );
  }
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    let fromChat = false;
    try {
      const ref = new URL(document.referrer);
      fromChat = ref.origin === window.location.origin && (ref.pathname === '/' || ref.pathname === '/embed');
    } catch {
      // no referrer
    }
    if (fromChat && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  }
  return (
    <a href="/" onClick={onClick} className="back-link">
      ← Back to conversation
    </a>
  );
}
