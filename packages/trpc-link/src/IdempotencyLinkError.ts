/** Marks this package's errors; `Symbol.for` so the guard works across realms and bundled copies. */
const BRAND = Symbol.for('@idem/trpc-link/error');

/**
 * The base class of the errors this package creates. Errors from the server and the network reach
 * you unchanged, as the `TRPCClientError` of the failed attempt; these appear as its `cause`.
 */
export class IdempotencyLinkError extends Error {
  override readonly name: string = 'IdempotencyLinkError';
  /** A stable machine code, one per error class: branch on it, not on the message. */
  readonly code: string = 'IDEMPOTENCY_LINK_ERROR';
  readonly [BRAND] = true;
}

/** Whether `value` is one of this package's errors. Checks a brand, not the prototype. */
export function isIdempotencyLinkError(value: unknown): value is IdempotencyLinkError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
