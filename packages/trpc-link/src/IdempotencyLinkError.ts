import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * The name of every error this package creates. The base class's guard recognises exactly these
 * names, and a subclass's `name` must be one of them (the compiler checks): add a new error's name
 * here.
 */
const NAMES = ['IdempotencyLinkError', 'GatewayError', 'IdempotencyKeyNotSentError', 'InvalidIdempotencyKeyError', 'JournalStorageError', 'RetryAbortedError'] as const;

/** The `name` of one of this package's errors. */
export type IdempotencyLinkErrorName = (typeof NAMES)[number];

/**
 * The base class of the errors this package creates. Errors from the server and the network reach
 * you unchanged, as the `TRPCClientError` of the failed attempt; these appear as its `cause`.
 *
 * Recognise them by name, never by prototype: each error has a guard (`isGatewayError`, …) that
 * checks for an `Error` whose `name` is the class's, and `isIdempotencyLinkError` checks that the
 * name is one of this package's. So an error made by a second bundled copy of the package counts.
 * Each one keeps the error that led to it as its `cause`.
 */
export class IdempotencyLinkError extends Error {
  override readonly name: IdempotencyLinkErrorName = 'IdempotencyLinkError';
  /** A stable machine code, one per error class: branch on it, not on the message. */
  readonly code: string = 'IDEMPOTENCY_LINK_ERROR';
}

/** Whether `value` is one of this package's errors: an `Error` named like one of them. */
export function isIdempotencyLinkError(value: unknown): value is IdempotencyLinkError {
  return isErrorNamed(value, ...NAMES);
}
