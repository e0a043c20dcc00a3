'use client';

import type { MouseEvent } from 'react';

/**
 * Returns to the chat as it was: history back when the chat opened this page (the browser restores
 * the page, and the chat restores its saved conversation and scroll position), else a plain link.
 */
export function BackToConversation() {
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
