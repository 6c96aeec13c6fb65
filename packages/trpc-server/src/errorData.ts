import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { isInputValidationError, isReplayedError } from './outcome.js';

export interface IdempotencyErrorData {
  /** A stable machine-readable code: the cause's own `code` when it has one, else tRPC's code. */
  code: string;
  /** Whether repeating the same request (same key) can succeed. */
  retryable: boolean;
  /** A coded cause's `details` (JSON), e.g. the current state a client needs to recover; stored and replayed with it. */
  details?: unknown;
}

/** Transient by nature. (A 409 is retryable only as IDEMPOTENCY_REQUEST_IN_PROGRESS, which says so itself.) */
const RETRYABLE_STATUSES = new Set([408, 429, 499]);

/** Failures the middleware did not store: the key stays resumable, so the same request may be repeated. */
const unstored = new WeakSet<TRPCError>();

/** Marks an error as not stored for its key (see `idempotencyErrorData`). */
export function markNotStored(error: TRPCError): void {
  unstored.add(error);
}

/**
 * Fields for the app's `errorFormatter`, so that error bodies carry a stable code and a retry hint:
 * `errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idempotencyErrorData(error) } })`.
 *
 * The code is the cause's own only when the cause is a *coded error* — it has both a string `code`
 * and a boolean `retryable`, as this package's errors do and as an app's business errors should;
 * its optional `details` (JSON) travel too.
 * Other causes' codes (a database driver's, say) are internals and never reach the client.
 *
 * `retryable` is `true` for every 5xx and for every failure of an idempotent mutation that was not
 * stored for its key (except input that can never be valid): the outcome is unknown — earlier
 * phases may have committed, a charge may have gone through — and only a retry with the same key
 * can finish the work without doing it twice. A client must keep the key.
 */
export function idempotencyErrorData(error: TRPCError): IdempotencyErrorData {
  const status = getHTTPStatusCodeFromError(error);
  // A stored outcome — answered first, or replayed — is final: repeating the request replays it.
  if (isReplayedError(error.cause)) return { code: error.cause.code ?? error.code, retryable: false, ...(error.cause.details !== undefined ? { details: error.cause.details } : {}) };
  const resumable = status >= 500 || (unstored.has(error) && !isInputValidationError(error));
  const cause = error.cause as { code?: unknown; retryable?: unknown; details?: unknown } | undefined;
  const coded = typeof cause?.code === 'string' && typeof cause.retryable === 'boolean';
  if (coded) {
    const data: IdempotencyErrorData = { code: cause.code as string, retryable: resumable || (cause.retryable as boolean) };
    if (cause.details !== undefined) data.details = cause.details;
    return data;
  }
  // tRPC reports a body that is not JSON as BAD_REQUEST caused by a SyntaxError.
  const code = error.code === 'BAD_REQUEST' && error.cause instanceof SyntaxError ? 'PARSE_ERROR' : error.code;
  return { code, retryable: resumable || RETRYABLE_STATUSES.has(status) };
}
