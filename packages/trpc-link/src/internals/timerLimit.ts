/**
 * The longest delay `setTimeout` honours (2^31 - 1 ms, about 24.8 days); a longer one fires at
 * once. Every timer the link sets is capped at it.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** `ms` as a safe timer delay: not negative, not past `MAX_TIMER_MS`, and a number. */
export function timerMs(ms: number): number {
  return Number.isNaN(ms) ? 0 : Math.min(Math.max(0, ms), MAX_TIMER_MS);
}
