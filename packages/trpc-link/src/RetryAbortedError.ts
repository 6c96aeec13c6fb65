import { IdempotencyLinkError } from './IdempotencyLinkError.js';
import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * The operation's `AbortSignal` fired while the link was waiting to retry. The mutation rejects
 * with a `TRPCClientError` whose `cause` is this error. An earlier attempt may have run on the
 * server: the key stays in the journal, so issuing the same mutation again reuses it.
 */
export class RetryAbortedError extends IdempotencyLinkError {
  override readonly name = 'RetryAbortedError' as const;
  override readonly code = 'RETRY_ABORTED' as const;
  constructor(
    /** The operation's idempotency key. */
    readonly key: string,
    /** Attempts made before the wait was cancelled. */
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`Cancelled while waiting to retry (key ${key}, after ${attempts} attempt${attempts === 1 ? '' : 's'}).`, options);
  }
}

/** Whether `value` is a `RetryAbortedError`: an `Error` with its name (see `IdempotencyLinkError`). */
export function isRetryAbortedError(value: unknown): value is RetryAbortedError {
  return isErrorNamed(value, 'RetryAbortedError');
}
