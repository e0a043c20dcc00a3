import { APICallError, RetryError } from 'ai';

export type FaultReason = 'timeout' | 'unauthorized' | 'rate-limited' | 'unavailable' | 'interrupted' | 'error';

/** Why the configured model did not give a usable answer; never carries provider text to the user. */
export class ModelFault extends Error {
  constructor(
    readonly reason: FaultReason,
    readonly detail = '',
  ) {
    super(`model fault: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

/** Maps what the AI SDK throws or streams as an error to a fault reason. */
export function classifyFault(error: unknown): ModelFault {
  if (error instanceof ModelFault) return error;
  const inner = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(inner)) {
    const status = inner.statusCode;
    if (status === 401 || status === 403) return new ModelFault('unauthorized', `HTTP ${status}`);
    if (status === 429) return new ModelFault('rate-limited', 'HTTP 429');
    if (status === undefined) return new ModelFault('unavailable', inner.message.slice(0, 200));
    // The call was accepted, then its stream failed: the answer broke off.
    if (status >= 200 && status < 300) return new ModelFault('interrupted', inner.message.slice(0, 200));
    if (status >= 500) return new ModelFault('unavailable', `HTTP ${status}`);
    return new ModelFault('error', `HTTP ${status}`);
  }
  const message = inner instanceof Error ? inner.message : typeof inner === 'string' ? inner : JSON.stringify(inner);
  if (/terminated|socket|ECONNRESET|premature|aborted|other side closed/i.test(message ?? '')) return new ModelFault('interrupted', message.slice(0, 200));
  return new ModelFault('error', (message ?? '').slice(0, 200));
}

const OFFLINE = 'so this answer was composed offline from the articles instead.';

/** The `notice` shown with an answer the offline model gave in place of the configured one. */
export function faultNotice(fault: ModelFault, timeoutMs?: number): string {
  switch (fault.reason) {
    case 'timeout':
      return `The language model did not answer within ${Math.round((timeoutMs ?? 0) / 100) / 10} s, ${OFFLINE}`;
    case 'unauthorized':
      return `The language model service rejected this app's API key, ${OFFLINE}`;
    case 'rate-limited':
      return `The language model service is rate-limiting requests right now, ${OFFLINE}`;
    case 'unavailable':
      return `The language model service could not be reached, ${OFFLINE}`;
    case 'interrupted':
      return `The language model's answer broke off before it was complete, ${OFFLINE}`;
    default:
      return `The language model failed to answer, ${OFFLINE}`;
  }
}

/** The notice ending a model answer that stopped after some of it was shown: it may be incomplete. */
export function incompleteNotice(fault: ModelFault): string {
  const why = fault.reason === 'timeout' ? 'ran out of time' : fault.reason === 'interrupted' ? 'broke off' : 'failed';
  return `The language model ${why} before finishing, so this answer may be incomplete; what is shown was checked against the articles.`;
}

/** Notices for a model answer that arrived but was not trustworthy enough to show. */
export const UNCITED_NOTICE = `The language model's answer cited none of the articles, ${OFFLINE}`;
export function unsupportedNotice(unsupported: number, claims: number): string {
  return `Most of the language model's answer (${unsupported} of ${claims} statements) was not supported by the passages it cited, ${OFFLINE}`;
}
