export interface ExponentialBackoffOptions {
  /**
   * The delay before the first retry, and the floor of every delay.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * The ceiling: no delay from the backoff exceeds it (it wins over `initialDelayMs`).
   * @default 5000
   */
  maxDelayMs?: number;
  /**
   * A number in [0, 1), for jitter. Inject it for deterministic tests.
   * @default Math.random
   */
  random?: () => number;
}

/**
 * The default wait before retry number `retry` (1 for the first retry), after stripe-node:
 *
 *     ceiling = min(maxDelayMs, initialDelayMs · 2^(retry − 1))
 *     delay   = max(initialDelayMs, ceiling · (0.5 + random() / 2))
 *
 * so the delay lies in [max(initial, ceiling / 2), ceiling]. With the defaults: 500 ms; then
 * 500–1000; 1000–2000; 2000–4000; then 2500–5000 ms. Jitter spreads clients that failed together
 * so they do not all come back in the same millisecond.
 */
export function exponentialBackoff(retry: number, options: ExponentialBackoffOptions = {}): number {
  const { initialDelayMs = 500, maxDelayMs = 5000, random = Math.random } = options;
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(Math.min(maxDelayMs, Math.max(initialDelayMs, ceiling * (0.5 + random() / 2))));
}
