export interface ExponentialBackoffOptions {
  /**
   * The ceiling of the first retry's delay; each later retry doubles it.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * The floor of every delay. Below the ceiling, so even the first retry is spread over
   * [minDelayMs, initialDelayMs]; clamped to the ceiling when it exceeds it.
   * @default 250
   */
  minDelayMs?: number;
  /**
   * The cap: no delay from the backoff exceeds it (it wins over the other two).
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
 * The default wait before retry number `retry` (1 for the first retry): full jitter (AWS,
 * "Exponential Backoff and Jitter") above a floor,
 *
 *     ceiling = min(maxDelayMs, initialDelayMs · 2^(retry − 1))
 *     delay   = floor + random() · (ceiling − floor),   floor = min(minDelayMs, ceiling)
 *
 * so the delay is uniform in [floor, ceiling]. With the defaults: 250–500 ms; 250–1000;
 * 250–2000; 250–4000; then 250–5000 ms. Every retry is jittered, the first included: clients that
 * failed together (a restart, a deploy) come back spread out instead of in lockstep, and the floor
 * keeps a retry from hammering a server that has just failed.
 */
export function exponentialBackoff(retry: number, options: ExponentialBackoffOptions = {}): number {
  const { initialDelayMs = 500, minDelayMs = 250, maxDelayMs = 5000, random = Math.random } = options;
  const ceiling = Math.max(0, Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, retry - 1)));
  const floor = Math.max(0, Math.min(minDelayMs, ceiling));
  return Math.round(floor + random() * (ceiling - floor));
}
