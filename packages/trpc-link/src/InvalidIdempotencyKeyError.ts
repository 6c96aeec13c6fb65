import { IdempotencyLinkError } from './IdempotencyLinkError.js';
import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * The caller supplied an empty or blank `idempotencyKey` (e.g. a form state initialised to `''`).
 * On the wire `""` means "no key", so the operation would run with nothing for the server to
 * deduplicate by: the link refuses it before anything is sent. Pass a real key, or leave the
 * field out and let the link make one. The mutation rejects with a `TRPCClientError` whose
 * `cause` is this error.
 */
export class InvalidIdempotencyKeyError extends IdempotencyLinkError {
  override readonly name = 'InvalidIdempotencyKeyError' as const;
  override readonly code = 'IDEMPOTENCY_KEY_INVALID' as const;
  constructor(
    /** The procedure, e.g. `checkout.placeOrder`. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`@idem/trpc-link: not sending ${path}: its idempotencyKey is empty. Pass a non-blank key, or none and the link makes one.`, options);
  }
}

/** Whether `value` is an `InvalidIdempotencyKeyError`: an `Error` with its name (see `IdempotencyLinkError`). */
export function isInvalidIdempotencyKeyError(value: unknown): value is InvalidIdempotencyKeyError {
  return isErrorNamed(value, 'InvalidIdempotencyKeyError');
}
