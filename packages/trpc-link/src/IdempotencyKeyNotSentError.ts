import { IdempotencyLinkError } from './IdempotencyLinkError.js';
import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * A mutation's attempt failed and was worth retrying, but its key never reached the wire: no
 * terminating link confirmed sending it (use `idempotentHttpBatchLink` / `idempotentHttpLink`, or
 * pass `idempotencyHeaders` as your HTTP link's `headers`). Retrying would run the mutation again
 * with nothing for the server to deduplicate by, so the link refuses. The mutation rejects with a
 * `TRPCClientError` whose `cause` is this error; this error's `cause` is the attempt's own error.
 */
export class IdempotencyKeyNotSentError extends IdempotencyLinkError {
  override readonly name = 'IdempotencyKeyNotSentError' as const;
  override readonly code = 'IDEMPOTENCY_KEY_NOT_SENT' as const;
  constructor(
    /** The key the link made, which the server never saw. */
    readonly key: string,
    /** The procedure, e.g. `checkout.placeOrder`. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(
      `@idem/trpc-link: not retrying ${path}: its Idempotency-Key was not sent. Use idempotentHttpBatchLink / idempotentHttpLink as the terminating link, or pass headers: ({ opList }) => idempotencyHeaders(opList).`,
      options,
    );
  }
}

/** Whether `value` is a `IdempotencyKeyNotSentError`: an `Error` with its name (see `IdempotencyLinkError`). */
export function isIdempotencyKeyNotSentError(value: unknown): value is IdempotencyKeyNotSentError {
  return isErrorNamed(value, 'IdempotencyKeyNotSentError');
}
