'use client';

import { Fragment, useMemo, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { citationHref } from '@/lib/answer/links';
import { citationForMarker } from '@/lib/answer/source-groups';
import type { Citation, GroundingCheck } from '@/lib/answer/types';
import { CitationMarker } from './citation-marker';
import { markUnsupported } from './mark-unsupported';
import { parseMarkdown, type Block, type Inline } from './parse-markdown';

export interface CitationLinkOptions {
  /** Prefix for source links (absolute links in the embedded widget). */
  baseUrl?: string;
  /** Open sources in a new tab (the widget). */
  newTab?: boolean;
}

/** The link a citation opens: the source viewer at the passage, with the supporting sentences marked. */
export function citationLink(citation: Citation, options: CitationLinkOptions = {}): string {
  const href = `${options.baseUrl ?? ''}${citationHref(citation)}`;
  if (!options.newTab) return href;
  // Opened from the widget, in a tab of its own: the source page offers to close it, not a link to the main chat.
  const [path, hash] = href.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}from=widget${hash === undefined ? '' : `#${hash}`}`;
}

interface MarkerState {
  citations: Citation[];
  options: CitationLinkOptions;
  /** The one marker whose preview is open (by its place among the markers), so adjacent markers never overlap. */
  openAt: number | null;
  setOpenAt: Dispatch<SetStateAction<number | null>>;
}

function Marker({ node, state }: { node: Extract<Inline, { type: 'citation' }>; state: MarkerState }) {
  const cited = state.citations.find((c) => c.n === node.n);
  if (!cited) return <span className="citation citation-pending">[{node.n}]</span>;
  const citation = citationForMarker(cited, node.occurrence);
  return (
    <CitationMarker
      citation={citation}
      href={citationLink(citation, state.options)}
      newTab={state.options.newTab}
      open={state.openAt === node.at}
      onOpenChange={(open) => state.setOpenAt((current) => (open ? node.at : current === node.at ? null : current))}
    />
  );
}

/** Inline nodes as React elements: text stays text (React escapes it), never markup. */
function inlines(nodes: Inline[], state: MarkerState): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.value;
      case 'strong':
        return <strong key={i}>{inlines(node.children, state)}</strong>;
      case 'emphasis':
        return <em key={i}>{inlines(node.children, state)}</em>;
      case 'code':
        return <code key={i}>{node.value}</code>;
      case 'break':
        return <br key={i} />;
      case 'link':
        return (
          <a key={i} href={node.href} title={node.title} target="_blank" rel="noopener noreferrer nofollow">
            {inlines(node.children, state)}
          </a>
        );
      case 'citation':
        return <Marker key={i} node={node} state={state} />;
      case 'unsupported':
        return (
          <span key={i} className="unsupported" data-testid="unsupported-claim" title={`Not supported by the cited source: ${node.reason}`}>
            {inlines(node.children, state)}
            <span className="unsupported-note"> not confirmed by the cited source</span>
          </span>
        );
    }
  });
}

/** Blocks as React elements; a tight list's items hold their text without paragraphs. */
function blocks(list: Block[], state: MarkerState, tight = false): ReactNode[] {
  return list.map((block, i) => {
    switch (block.type) {
      case 'paragraph':
        return tight ? <Fragment key={i}>{inlines(block.children, state)}</Fragment> : <p key={i}>{inlines(block.children, state)}</p>;
      case 'heading': {
        const H = `h${block.depth}` as 'h1';
        return <H key={i}>{inlines(block.children, state)}</H>;
      }
      case 'list': {
        const items = block.items.map((item, j) => <li key={j}>{blocks(item, state, block.tight)}</li>);
        return block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case 'blockquote':
        return <blockquote key={i}>{blocks(block.children, state)}</blockquote>;
      case 'code':
        return (
          <pre key={i}>
            <code>{block.value}</code>
          </pre>
        );
      case 'rule':
        return <hr key={i} />;
    }
  });
}

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
  const tree = useMemo(() => markUnsupported(parseMarkdown(text), grounding), [text, grounding]);
  const state = { citations, options, openAt, setOpenAt };
  return <div className="answer-markdown">{blocks(tree, state)}</div>;
}
