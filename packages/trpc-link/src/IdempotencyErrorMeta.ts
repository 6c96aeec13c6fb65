import type { StopReason } from './shouldRetry.js';

/**
 * What the link adds to a failed mutation's `TRPCClientError`, at `error.meta.idempotency`.
 * The error is otherwise the last attempt's, unchanged: `error.data.code` still says what
 * the server said.
 *
 * @example
 * const { outcome } = (error.meta?.idempotency ?? {}) as Partial<IdempotencyErrorMeta>;
 * if (outcome === 'unknown') toast('We could not confirm your order. Trying again is safe.');
 */
export interface IdempotencyErrorMeta {
  /** The operation's key. */
  key: string;
  /** Attempts made. */
  attempts: number;
  /**
   * Why the link stopped: the retry policy's reason, `declined` (your `retry` option said no to a
   * retryable error), `max-attempts`, or `deadline`.
   */
  stoppedBy: StopReason | 'declined' | 'max-attempts' | 'deadline';
  /**
   * `known`: the server gave a final answer and the journal entry is gone. `unknown`: the request
   * may or may not have run; issuing the same mutation again reuses the key, so it cannot run twice.
   */
  outcome: 'known' | 'unknown';
}
