import { errorFacts } from './internals/errorFacts.js';
import { isAbortError } from './internals/isAbortError.js';
import { isNetworkError } from './internals/isNetworkError.js';
import { statusClasses } from './internals/statusClasses.js';

/** Why an attempt is worth repeating with the same key. */
export type RetryReason =
  /** No response arrived: the request may or may not have reached the server. */
  | 'network-error'
  /** 409 `IDEMPOTENCY_REQUEST_IN_PROGRESS`: the first attempt is still running on the server. */
  | 'in-progress'
  /** 429: rate limited. */
  | 'rate-limited'
  /** 502, 503 or 504: a gateway or the server is briefly unavailable. */
  | 'unavailable'
  /**
   * 500 or another 5xx: the server failed, perhaps after committing part of the work. The same
   * key lets it resume or replay that work rather than run it again.
   */
  | 'server-error'
  /** The server marked the error `retryable: true` (e.g. 408, 499). */
  | 'server-retryable';

/** Why an attempt is final. */
export type StopReason =
  /** The caller's `AbortSignal` fired. */
  | 'aborted'
  /** No response and not a known network failure: most likely a bug, which a retry would hide. */
  | 'unknown-error'
  /** 400, 401, 403, 404, 412 or 422: repeating the same request gets the same answer. */
  | 'client-error'
  /**
   * The server marked the error `retryable: false`. On a 5xx the outcome is still unknown: the
   * link stops retrying but keeps the key.
   */
  | 'server-final'
  /** Any other 4xx (409 other than in-progress, 402, …) without a retry hint. */
  | 'not-retryable';

export type RetryDecision = { retry: true; reason: RetryReason } | { retry: false; reason: StopReason };

/**
 * Whether a failed attempt of a keyed mutation may be repeated with the same key. Pure: it looks
 * only at the error. The rules apply in order; the first that matches decides.
 *
 * Attempt counts, the deadline and `Retry-After` are applied after this, by the link. Whether the
 * key is kept when the link stops is a separate question (the outcome): a 5xx that is not retried
 * still keeps it.
 *
 * @example if (!shouldRetry(error).retry) showError(error)
 */
export function shouldRetry(error: unknown): RetryDecision {
  const { status, code, retryable, cause } = errorFacts(error);

  // 1. The caller cancelled: never override a user's intent.
  if (isAbortError(cause) || isAbortError(error)) return { retry: false, reason: 'aborted' };

  // 2. No response. Only a failure of the network itself is transient; anything else — a bug in
  //    a headers callback, a body that is not JSON — would recur, and retrying would disguise it
  //    as a network problem.
  if (status === undefined) {
    return isNetworkError(cause) ? { retry: true, reason: 'network-error' } : { retry: false, reason: 'unknown-error' };
  }

  // 3. Validation, auth, missing procedure, stale version, payload mismatch / business rule:
  //    deterministic, so a retry returns the same error (and the server stored it for the key).
  if (statusClasses.final.has(status)) return { retry: false, reason: 'client-error' };

  // 4. The server knows best when it says a retry cannot help.
  if (retryable === false) return { retry: false, reason: 'server-final' };

  // 5. The first attempt holds the key on the server; waiting lets it finish, then we get its replay.
  if (status === 409 && code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS') return { retry: true, reason: 'in-progress' };

  // 6. Rate limited: wait (Retry-After usually says how long) and try again.
  if (status === 429) return { retry: true, reason: 'rate-limited' };

  // 7. A gateway or an overloaded instance: nothing ran, or it rolled back; the key makes it safe.
  if (statusClasses.unavailable.has(status)) return { retry: true, reason: 'unavailable' };

  // 8. Any other 5xx, 500 included, with or without a hint: the work may have committed before
  //    the failure, so giving up would strand it. The same key resumes or replays it.
  if (status >= 500) return { retry: true, reason: 'server-error' };

  // 9. Any other error the server explicitly marks transient.
  if (retryable === true) return { retry: true, reason: 'server-retryable' };

  // 10. Everything else (other 4xx): an answer the server gave on purpose; unknown errors are not retried.
  return { retry: false, reason: 'not-retryable' };
}
