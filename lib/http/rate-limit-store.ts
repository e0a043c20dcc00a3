/** One client's count in the current window. */
export interface RateLimitHit {
  /** Requests counted in this window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetMs: number;
}

/** Where counts live: this process's memory, or Redis so that several instances share one limit. */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  /** Counts one request for `key` in a fixed window of `windowMs` that starts at the key's first request. */
  hit(key: string, windowMs: number): Promise<RateLimitHit>;
  close?(): Promise<void>;
}
