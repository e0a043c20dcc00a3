'use client';

import { useEffect, useState } from 'react';
import { citationHref } from '@/lib/answer/links';
import { answerWithFootnotes } from '@/lib/answer/source-groups';
import type { Citation } from '@/lib/answer/types';
import type { CitationLinkOptions } from './answer-markdown';

/** Clipboard API where allowed (secure contexts), else the selection-based fallback. */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Copies the answer with its citations as footnotes that link to the cited passages. */
export function CopyAnswer({ text, citations, options = {} }: { text: string; citations: Citation[]; options?: CitationLinkOptions }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(t);
  }, [state]);

  async function copy() {
    const origin = options.baseUrl || window.location.origin;
    const ok = await writeClipboard(answerWithFootnotes(text, citations, origin, citationHref));
    setState(ok ? 'copied' : 'failed');
  }

  return (
    <>
      <button type="button" className="copy-answer" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : 'Copy answer'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Answer copied with its sources.' : state === 'failed' ? 'Could not copy the answer.' : ''}
      </span>
    </>
  );
}
