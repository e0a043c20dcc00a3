import type { RateLimitHit, RateLimitStore } from './rate-limit-store';

/** Sweep expired windows once the map holds this many keys, so a flood of addresses can't grow memory forever. */
const SWEEP_AT = 10_000;

/** Fixed windows in this process's memory (the default: one instance, nothing to set up). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory';
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.now();
    let entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) {
      if (!entry && this.windows.size >= SWEEP_AT) this.sweep(now);
      entry = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, entry);
    }
    entry.count++;
    return { count: entry.count, resetMs: entry.resetAt - now };
  }

  /** Keys currently tracked (for tests of the sweep). */
  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
  }
}
