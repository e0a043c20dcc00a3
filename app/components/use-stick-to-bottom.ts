'use client';

import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** How close to the end (px) still counts as "reading the end". */
const NEAR_END = 48;

/**
 * Keeps the newest message in view: whenever `content` changes (a message, a streamed chunk, a status
 * or an error), a message grows by itself (the answer tools appear) or the list is resized (the input
 * grows, a keyboard opens), the list scrolls to its end
 * — unless the reader has scrolled up, until they come back down. `skip` (set right after a saved
 * scroll position was restored) leaves the position alone once. `stick()` follows the end again (on send).
 */
export function useStickToBottom(scroller: RefObject<HTMLElement | null>, content: readonly unknown[], skip: RefObject<boolean>) {
  const atEnd = useRef(true);
  /** Where the list was left by the last scroll to the end: a reader who has moved above it has scrolled up. */
  const pinned = useRef(0);
  const toEnd = (el: HTMLElement) => {
    el.scrollTop = el.scrollHeight;
    pinned.current = el.scrollTop;
  };

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
      if (atEnd.current) toEnd(el);
    });
    // Content that grows on its own after a render (the answer tools, loaded later) is followed too.
    const grown = new ResizeObserver(() => {
      if (el.scrollTop < pinned.current - NEAR_END) atEnd.current = false;
      if (atEnd.current) toEnd(el);
    });
    const watchChildren = () => {
      grown.disconnect();
      for (const child of el.children) grown.observe(child);
    };
    const children = new MutationObserver(watchChildren);
    el.addEventListener('scroll', onScroll, { passive: true });
    resized.observe(el);
    children.observe(el, { childList: true });
    watchChildren();
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized.disconnect();
      grown.disconnect();
      children.disconnect();
    };
  }, [scroller]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (skip.current) {
      skip.current = false;
      atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_END;
      return;
    }
    // A scroll up whose scroll event has not arrived yet still counts.
    if (el.scrollTop < pinned.current - NEAR_END) atEnd.current = false;
    if (atEnd.current) toEnd(el);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scroller, skip, ...content]);

  return {
    stick() {
      atEnd.current = true;
      pinned.current = 0;
    },
  };
}
