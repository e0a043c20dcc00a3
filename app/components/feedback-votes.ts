import { MAX_COMMENT_CHARS, REASON_LABELS, REASONS, type Feedback, type Reason } from '@/lib/insights/types';

/** localStorage key of the votes sent from this browser, by answerId (shared by the chat and the widget). */
const STORAGE_KEY = 'k2-feedback';
/** Most votes remembered; the oldest are forgotten first. */
const MAX_KEPT = 200;

export { MAX_COMMENT_CHARS, REASON_LABELS, REASONS };
export type { Feedback, Reason };

function readAll(): Record<string, Feedback> {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Feedback>) : {};
  } catch {
    return {};
  }
}

/** The vote this browser sent on an answer, if any. */
export function savedVote(answerId: string): Feedback | undefined {
  const v = readAll()[answerId];
  return v && (v.rating === 'up' || v.rating === 'down') ? v : undefined;
}

export function saveVote(answerId: string, vote: Feedback): void {
  try {
    const all = readAll();
    delete all[answerId];
    all[answerId] = vote;
    const kept = Object.entries(all).slice(-MAX_KEPT);
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // storage full or disabled: the vote is sent, just not remembered here
  }
}

/** What a visitor is told when a vote could not be sent: in words, never a raw error. */
function failure(status: number | null, code?: string, message?: string): string {
  if (status === null) return "Couldn't reach the server. Check your internet connection, then try again.";
  if (code === 'rate_limited' && message) return message;
  if (code === 'not_found') return 'This answer is no longer kept, so a vote on it cannot be recorded.';
  return 'Your feedback could not be sent. Please try again in a moment.';
}

/** Sends a vote to `POST /api/feedback`; resolves to null when sent, else to a message for the visitor. */
export async function sendVote(answerId: string, vote: Feedback, signal?: AbortSignal): Promise<string | null> {
  const post = () =>
    fetch('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId, ...vote }), signal });
  let res: Response;
  try {
    res = await post();
    // The answer is logged just after it is sent: a vote in that instant may arrive first.
    if (res.status === 404) res = await new Promise((r) => setTimeout(r, 700)).then(post);
  } catch {
    return failure(null);
  }
  if (res.ok) return null;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return failure(res.status, body?.error?.code, body?.error?.message);
}
