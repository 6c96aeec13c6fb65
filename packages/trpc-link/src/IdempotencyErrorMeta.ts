import type { StopReason } from './shouldRetry.js';

/**
 * What the link adds to a failed mutation's `TRPCClientError`, at `error.meta.idempotency`.
 * The error is otherwise the last attempt's, unchanged: `error.data.code` still says what
 * the server said.
 *
 * Read it with `getIdempotencyMeta(error)`.
 *
 * @example
 * if (getIdempotencyMeta(error)?.outcome === 'unknown') toast('We could not confirm your order. Trying again is safe.');
 */
export interface IdempotencyErrorMeta {
  /** The operation's key. */
  key: string;
  /** Attempts made. */
  attempts: number;
  /**
   * Why the link stopped: the retry policy's reason, `declined` (your `retry` option said no to a
   * retryable error), `max-attempts`, `deadline`, or `key-not-sent` (the attempt was worth
   * retrying but its key never reached the wire: the error's `cause` is an
   * `IdempotencyKeyNotSentError`), or `scope-changed` (the journal `scope` — the signed-in user —
   * changed while the link waited to retry: the retry would have gone out under another user's
   * session; the key stays in the first scope). It does not say whether the key was kept: read
   * `outcome`.
   */
  stoppedBy: StopReason | 'declined' | 'max-attempts' | 'deadline' | 'key-not-sent' | 'scope-changed';
  /**
   * Whether the server's answer settles what happened.
   *
   * - `known`: a definitive answer — a stored 4xx (402 declined, 412, 422, …) or a refusal
   *   (400, 401, 403, 404). The journal entry is gone; the same mutation again is a new intent
   *   with a new key. Once an attempt's outcome was unknown, only an answer replayed from what
   *   the server stored for the key (`Idempotent-Replayed`) makes it known: a 401 after a 504
   *   leaves it unknown.
   * - `unknown`: the request may have run, fully or in part — every 5xx (a 500 or a 503, even one
   *   marked `retryable: false`), no response at all (network failure, abort, deadline), a 408,
   *   429, 499 or 409 in-progress, or a failure the server marked `retryable: true`. The key stays
   *   in the journal until a definitive answer or the journal TTL: issuing the same mutation with
   *   the same input again reuses it, so the server resumes or replays the first attempt and it
   *   cannot run twice. Tell the user the first attempt may have gone through, and offer to retry.
   */
  outcome: 'known' | 'unknown';
}
