'use client';

import { useEffect } from 'react';

/**
 * Brings the cited passage's supporting sentence into view (the fragment alone would put the top of a
 * long passage there) and moves focus to the passage so keyboard and screen-reader users start there.
 */
export function ScrollToCited() {
  useEffect(() => {
    const passage = document.querySelector<HTMLElement>('[data-cited="true"]');
    if (!passage) return;
    const sentence = passage.querySelector<HTMLElement>('.cited-sentence') ?? passage;
    passage.focus({ preventScroll: true });
    sentence.scrollIntoView({ block: 'center' });
  }, []);
  return null;
}
