'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { type Feedback, MAX_COMMENT_CHARS, REASON_LABELS, REASONS, type Reason, savedVote, saveVote, sendVote } from './feedback-votes';

type Phase = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'failed'; message: string; vote: Feedback; closeDetails: boolean };

const ThumbUp = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    <path d="M7 10v11H3V10h4Zm2 11V10l4.5-8c1.7 0 2.8 1.4 2.4 3L15 9h5.2c1.3 0 2.2 1.2 1.9 2.5l-2 8A2 2 0 0 1 18.2 21H9Z" />
  </svg>
);
const ThumbDown = () => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    <path d="M17 14V3h4v11h-4Zm-2-11v11l-4.5 8c-1.7 0-2.8-1.4-2.4-3L9 15H3.8c-1.3 0-2.2-1.2-1.9-2.5l2-8A2 2 0 0 1 5.8 3H15Z" />
  </svg>
);

/**
 * Thumbs up / down under a finished answer, one changeable vote per answer (`POST /api/feedback`).
 * A thumbs down is sent at once; the optional reason and comment follow with "Send feedback".
 * The vote is remembered in this browser (localStorage, by answerId), so a reload shows it.
 */
export function AnswerFeedback({ answerId }: { answerId: string }) {
  const id = useId();
  const [vote, setVote] = useState<Feedback>();
  const [details, setDetails] = useState(false);
  const [reason, setReason] = useState<Reason>();
  const [comment, setComment] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const downRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const saved = savedVote(answerId);
    setVote(saved);
    setReason(saved?.reason);
    setComment(saved?.comment ?? '');
  }, [answerId]);

  async function send(next: Feedback, closeDetails: boolean) {
    setPhase({ kind: 'sending' });
    const error = await sendVote(answerId, next);
    if (error) return setPhase({ kind: 'failed', message: error, vote: next, closeDetails });
    setVote(next);
    saveVote(answerId, next);
    setPhase({ kind: 'sent' });
    if (closeDetails) {
      setDetails(false);
      // The form that had focus is gone: keep the keyboard where the vote is.
      downRef.current?.focus();
    }
  }

  function rate(rating: Feedback['rating']) {
    if (phase.kind === 'sending') return;
    if (vote?.rating === rating) return setDetails(rating === 'down' && !details);
    setDetails(rating === 'down');
    void send(rating === 'down' ? { rating, reason, comment: comment.trim() || undefined } : { rating }, false);
  }

  function submitDetails(event: FormEvent) {
    event.preventDefault();
    if (phase.kind === 'sending') return;
    void send({ rating: 'down', reason, comment: comment.trim() || undefined }, true);
  }

  const pressed = phase.kind === 'failed' ? phase.vote.rating : vote?.rating;
  return (
    <div className="answer-feedback" data-testid="answer-feedback">
      <div className="feedback-thumbs" role="group" aria-label="Rate this answer">
        <span className="feedback-ask" aria-hidden="true">
          Helpful?
        </span>
        <button type="button" className="thumb" aria-pressed={pressed === 'up'} aria-label="Helpful" title="Helpful" onClick={() => rate('up')}>
          <ThumbUp />
        </button>
        <button type="button" className="thumb" aria-pressed={pressed === 'down'} aria-label="Not helpful" title="Not helpful" onClick={() => rate('down')} ref={downRef}>
          <ThumbDown />
        </button>
      </div>
      <p className="feedback-status" role="status">
        {phase.kind === 'sending' ? 'Sending…' : phase.kind === 'sent' ? 'Thanks — your feedback was sent.' : ''}
      </p>
      {phase.kind === 'failed' && (
        <div className="feedback-error" role="alert">
          <span>{phase.message}</span>
          <button type="button" onClick={() => void send(phase.vote, phase.closeDetails)}>
            Try again
          </button>
        </div>
      )}
      {details && pressed === 'down' && (
        <form className="feedback-details" onSubmit={submitDetails} aria-label="What was wrong with this answer">
          <fieldset>
            <legend>What was wrong? (optional)</legend>
            {REASONS.map((r) => (
              <label key={r}>
                <input type="radio" name={`${id}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} /> {REASON_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-comment`}>Anything else? (optional)</label>
          <textarea id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={MAX_COMMENT_CHARS} aria-describedby={`${id}-count`} />
          <div className="feedback-send">
            <span id={`${id}-count`} className="feedback-count">
              {comment.trim().length} / {MAX_COMMENT_CHARS}
            </span>
            <button type="submit" aria-disabled={phase.kind === 'sending'}>
              Send feedback
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
