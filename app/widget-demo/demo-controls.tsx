'use client';

import { useEffect, useState } from 'react';

const EVENTS = ['ready', 'open', 'close', 'question', 'answer'];

interface WidgetApi {
  open(): void;
  close(): void;
  ask(text: string): void;
}

const widget = () => (window as unknown as { K2Assistant?: WidgetApi }).K2Assistant;

/** Buttons that drive the live widget through its API, and a log of the events it sends. */
export function DemoControls() {
  const [log, setLog] = useState<string[]>([]);
  useEffect(() => {
    const handler = (e: Event) => {
      const detail = (e as CustomEvent).detail;
      setLog((l) => [...l.slice(-7), `${e.type}${detail ? ` ${JSON.stringify(detail)}` : ''}`]);
    };
    for (const name of EVENTS) window.addEventListener(`k2-assistant:${name}`, handler);
    return () => EVENTS.forEach((name) => window.removeEventListener(`k2-assistant:${name}`, handler));
  }, []);
  return (
    <div className="demo-controls">
      <div className="message-actions">
        <button type="button" onClick={() => widget()?.open()}>
          Open
        </button>
        <button type="button" onClick={() => widget()?.ask('Which foods contain magnesium?')}>
          Ask “Which foods contain magnesium?”
        </button>
        <button type="button" onClick={() => widget()?.close()}>
          Close
        </button>
      </div>
      <pre className="snippet" aria-live="polite">
        {log.length ? log.join('\n') : 'Events appear here.'}
      </pre>
    </div>
  );
}
