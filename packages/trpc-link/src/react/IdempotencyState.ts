import type { RetryEvent } from '../IdempotencyEvent.js';

/**
 * Where one mutation stands, as `useIdempotentMutation` tracks it:
 *
 * - `idle`: nothing sent yet (or abandoned);
 * - `pending`: the first attempt is on its way;
 * - `retrying`: an attempt failed and the link is retrying it with the same key (waiting until
 *   `retryAt`, or sending);
 * - `unknown`: it ended without a definitive answer (a 5xx, a lost response, retries ran out, a
 *   cancelled wait) — it may have run. The key is still in the journal: `resume()` sends it
 *   again with that key, `abandon()` forgets it;
 * - `settled`: a definitive answer, success or a final error; the key is gone from the journal.
 */
export type IdempotencyStatus = 'idle' | 'pending' | 'retrying' | 'unknown' | 'settled';

/** One mutation's idempotency, for a UI. */
export interface IdempotencyState {
  status: IdempotencyStatus;
  /** The key of the current or last call; `undefined` until the link chose it. */
  key: string | undefined;
  /** The attempt on its way or last made: 1 for the first; 0 before any. */
  attempt: number;
  /** The most attempts the link makes; `undefined` before the first. */
  maxAttempts: number | undefined;
  /** While `retrying`: when the next attempt starts (epoch ms, the link's clock), for a countdown. */
  retryAt: number | undefined;
  /** While `retrying`: the link's latest retry (its reason, delay, the failed attempt's error). */
  retry: RetryEvent | undefined;
  /** The key came from the journal: this call re-issues one whose outcome was unknown. */
  resumed: boolean;
  /** The server answered from its stored outcome (`Idempotent-Replayed: true`). */
  replayed: boolean;
}

export const IDLE: IdempotencyState = Object.freeze({
  status: 'idle',
  key: undefined,
  attempt: 0,
  maxAttempts: undefined,
  retryAt: undefined,
  retry: undefined,
  resumed: false,
  replayed: false,
});
