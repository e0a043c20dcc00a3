'use client';

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import type { Citation } from '@/lib/answer/types';

const CARD_WIDTH = 360;
const CLOSE_DELAY_MS = 180;

/** Where the card goes: below the marker, or above it when there is no room below; inside the viewport. */
function place(anchor: HTMLElement): CSSProperties {
  const r = anchor.getBoundingClientRect();
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const width = Math.min(CARD_WIDTH, vw - 16);
  const left = Math.max(8, Math.min(r.left - 24, vw - width - 8));
  const below = vh - r.bottom;
  return below < 220 && r.top > below ? { left, width, bottom: vh - r.top + 6 } : { left, width, top: r.bottom + 6 };
}

export interface CitationMarkerProps {
  citation: Citation;
  href: string;
  newTab?: boolean;
  open: boolean;
  onOpenChange(open: boolean): void;
}

/**
 * An inline `[n]` marker: a link to the cited passage that shows a preview card (article, section and
 * the supporting sentences) on hover, keyboard focus and a first tap on touch screens.
 */
export function CitationMarker({ citation, href, newTab, open, onOpenChange }: CitationMarkerProps) {
  const cardId = useId();
  const anchor = useRef<HTMLAnchorElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const closeTimer = useRef<number | undefined>(undefined);
  /** The last press: its pointer type and whether the card was already open then (focus opens it before the click). */
  const press = useRef<{ type: string; wasOpen: boolean }>({ type: 'mouse', wasOpen: false });
  const [style, setStyle] = useState<CSSProperties>({});

  const cancelClose = () => window.clearTimeout(closeTimer.current);
  const show = useCallback(() => {
    window.clearTimeout(closeTimer.current);
    onOpenChange(true);
  }, [onOpenChange]);
  const hideSoon = () => {
    cancelClose();
    closeTimer.current = window.setTimeout(() => onOpenChange(false), CLOSE_DELAY_MS);
  };

  useLayoutEffect(() => {
    if (!open || !anchor.current) return;
    const update = () => anchor.current && setStyle(place(anchor.current));
    update();
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    // A tap or click anywhere else closes the card.
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!anchor.current?.contains(target) && !card.current?.contains(target)) onOpenChange(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onOpenChange(false);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onOpenChange]);

  useEffect(() => () => window.clearTimeout(closeTimer.current), []);

  const target = newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  return (
    <>
      <a
        ref={anchor}
        data-testid="citation"
        className="citation"
        href={href}
        aria-label={`Source ${citation.n}: ${citation.title}, ${citation.section}`}
        aria-describedby={open ? cardId : undefined}
        onPointerDown={(e) => (press.current = { type: e.pointerType, wasOpen: open })}
        onPointerEnter={(e) => e.pointerType !== 'touch' && show()}
        onPointerLeave={(e) => e.pointerType !== 'touch' && hideSoon()}
        onFocus={show}
        onBlur={(e) => !card.current?.contains(e.relatedTarget as Node | null) && onOpenChange(false)}
        onClick={(e) => {
          // On touch screens the first tap shows the preview; the card's link (or a second tap) follows it.
          if (press.current.type === 'touch' && !press.current.wasOpen) {
            press.current = { type: 'touch', wasOpen: true };
            e.preventDefault();
            show();
          }
        }}
        {...target}
      >
        [{citation.n}]
      </a>
      {open &&
        createPortal(
          <div
            ref={card}
            id={cardId}
            role="tooltip"
            data-testid="citation-preview"
            className="citation-preview"
            style={style}
            onPointerEnter={cancelClose}
            onPointerLeave={(e) => e.pointerType !== 'touch' && hideSoon()}
          >
            <p className="preview-title">
              <span className="preview-n">[{citation.n}]</span> {citation.title}
            </p>
            {citation.section && <p className="preview-section">{citation.section}</p>}
            {citation.quote && <blockquote className="preview-quote">{citation.quote}</blockquote>}
            <a className="preview-open" href={href} tabIndex={-1} {...target}>
              Open the passage in the article →
            </a>
          </div>,
          document.body,
        )}
    </>
  );
}
