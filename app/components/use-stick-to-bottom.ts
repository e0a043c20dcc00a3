'use client';

import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** How close to the end (px) still counts as "reading the end". */
const NEAR_END = 48;

/**
 * Keeps the newest message in view: whenever `content` changes (a message, a streamed chunk, a status
 * or an error) or the list is resized (the input grows, a keyboard opens), the list scrolls to its end
 * — unless the reader has scrolled up, until they come back down. `skip` (set right after a saved
 * scroll position was restored) leaves the position alone once. `stick()` follows the end again (on send).
 */
export function useStickToBottom(scroller: RefObject<HTMLElement | null>, content: unknown, skip: RefObject<boolean>) {
  const atEnd = useRef(true);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_END;
    };
    let height = el.clientHeight;
    const resized = new ResizeObserver(() => {
      if (el.clientHeight === height) return;
      height = el.clientHeight;
      if (atEnd.current) el.scrollTop = el.scrollHeight;
    });
    el.addEventListener('scroll', onScroll, { passive: true });
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, [scroller]);

  useLayoutEffect(() => {
    if (skip.current) {
      skip.current = false;
      return;
    }
    const el = scroller.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [content, scroller, skip]);

  return {
    stick() {
      atEnd.current = true;
    },
  };
}
