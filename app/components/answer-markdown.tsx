'use client';

import { createContext, useContext, useMemo, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import Markdown, { type Components } from 'react-markdown';
import type { PluggableList } from 'unified';
import { citationHref } from '@/lib/answer/links';
import { citationForMarker } from '@/lib/answer/source-groups';
import type { Citation, GroundingCheck } from '@/lib/answer/types';
import { CitationMarker } from './citation-marker';
import { remarkMarkUnsupported } from './mark-unsupported';

export interface CitationLinkOptions {
  /** Prefix for source links (absolute links in the embedded widget). */
  baseUrl?: string;
  /** Open sources in a new tab (the widget). */
  newTab?: boolean;
}

const CITE_PREFIX = '#cite-';

/** The link a citation opens: the source viewer at the passage, with the supporting sentences marked. */
export function citationLink(citation: Citation, options: CitationLinkOptions = {}): string {
  return `${options.baseUrl ?? ''}${citationHref(citation)}`;
}

/**
 * Markdown text with `[n]` turned into links the renderer recognises, each carrying which occurrence
 * of `[n]` it is (its claim, see `Citation.claims`); raw HTML stays text.
 */
function prepare(text: string): string {
  const seen = new Map<string, number>();
  return text.replace(/</g, '&lt;').replace(/\[(\d{1,3})\](?!\()/g, (_, n: string) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return `[\\[${n}\\]](${CITE_PREFIX}${n}-${k})`;
  });
}


interface MarkerState {
  citations: Citation[];
  options: CitationLinkOptions;
  /** The one marker whose preview is open (by its position in the text), so adjacent markers never overlap. */
  openAt: number | null;
  setOpenAt: Dispatch<SetStateAction<number | null>>;
}

const MarkerContext = createContext<MarkerState | null>(null);

function Link({ href, children, node }: { href?: string; children?: ReactNode; node?: { position?: { start: { offset?: number } } } }) {
  const state = useContext(MarkerContext);
  if (!href?.startsWith(CITE_PREFIX) || !state) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    );
  }
  const [n, occurrence = 0] = href.slice(CITE_PREFIX.length).split('-').map(Number);
  const cited = state.citations.find((c) => c.n === n);
  if (!cited) return <span className="citation citation-pending">[{n}]</span>;
  const citation = citationForMarker(cited, occurrence);
  const at = node?.position?.start.offset ?? n;
  return (
    <CitationMarker
      citation={citation}
      href={citationLink(citation, state.options)}
      newTab={state.options.newTab}
      open={state.openAt === at}
      onOpenChange={(open) => state.setOpenAt((current) => (open ? at : current === at ? null : current))}
    />
  );
}

const COMPONENTS: Components = { a: Link as Components['a'], img: () => null };

export function AnswerMarkdown({
  text,
  citations,
  options = {},
  grounding,
}: {
  text: string;
  citations: Citation[];
  options?: CitationLinkOptions;
  /** Sentences the grounding check found unsupported are marked. */
  grounding?: GroundingCheck[];
}) {
  const [openAt, setOpenAt] = useState<number | null>(null);
  const state = useMemo(() => ({ citations, options, openAt, setOpenAt }), [citations, options, openAt]);
  const plugins = useMemo<PluggableList>(() => [[remarkMarkUnsupported, { grounding }]], [grounding]);
  return (
    <div className="answer-markdown">
      <MarkerContext.Provider value={state}>
        <Markdown components={COMPONENTS} remarkPlugins={plugins} skipHtml>
          {prepare(text)}
        </Markdown>
      </MarkerContext.Provider>
    </div>
  );
}
