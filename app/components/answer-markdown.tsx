'use client';

import Markdown, { type Components } from 'react-markdown';
import type { Citation } from '@/lib/answer/types';

export interface CitationLinkOptions {
  /** Prefix for source links (absolute links in the embedded widget). */
  baseUrl?: string;
  /** Open sources in a new tab (the widget). */
  newTab?: boolean;
}

const CITE_PREFIX = '#cite-';

/** Markdown text with `[n]` turned into links the renderer recognises; raw HTML stays text. */
function prepare(text: string): string {
  return text.replace(/</g, '&lt;').replace(/\[(\d{1,3})\](?!\()/g, (_, n: string) => `[\\[${n}\\]](${CITE_PREFIX}${n})`);
}

export function AnswerMarkdown({ text, citations, options = {} }: { text: string; citations: Citation[]; options?: CitationLinkOptions }) {
  const components: Components = {
    a({ href, children }) {
      if (href?.startsWith(CITE_PREFIX)) {
        const n = Number(href.slice(CITE_PREFIX.length));
        const citation = citations.find((c) => c.n === n);
        if (!citation) return <span className="citation citation-pending">[{n}]</span>;
        return (
          <a
            data-testid="citation"
            className="citation"
            href={`${options.baseUrl ?? ''}${citation.url}`}
            aria-label={`Source ${n}: ${citation.title}, ${citation.section}`}
            {...(options.newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            [{n}]
          </a>
        );
      }
      return (
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
      );
    },
    img: () => null,
  };
  return (
    <div className="answer-markdown">
      <Markdown components={components} skipHtml>
        {prepare(text)}
      </Markdown>
    </div>
  );
}
