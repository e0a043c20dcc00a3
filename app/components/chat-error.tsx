'use client';

const UNREACHABLE = "Couldn't reach the assistant. Check your internet connection, then try again.";
const FAILED = 'Something went wrong on our side while answering. Please try again in a moment.';

/**
 * What to tell a person when a question failed: the API's own message (its `{ error: { message } }`
 * body, e.g. the rate limit's "Wait a minute and try again"), else what happened in words — never a
 * browser's "Failed to fetch" or a server's "Internal Server Error".
 */
export function friendlyError(error: Error): string {
  const raw = error.message ?? '';
  try {
    const parsed = JSON.parse(raw) as { error?: { message?: unknown } } | null;
    if (typeof parsed?.error?.message === 'string' && parsed.error.message) return parsed.error.message;
  } catch {
    // not our JSON error body
  }
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return UNREACHABLE;
  if (error.name === 'TypeError' || /failed to fetch|networkerror|load failed|network (error|connection)|fetch failed/i.test(raw)) return UNREACHABLE;
  // The answer stream's own error text is already written for people (see app/api/chat/route.ts).
  if (/^Something went wrong while answering\./.test(raw)) return raw;
  return FAILED;
}

export function ChatError({ error, onRetry }: { error: Error; onRetry(): void }) {
  return (
    <div className="chat-error" role="alert" data-testid="chat-error">
      <p>{friendlyError(error)}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
