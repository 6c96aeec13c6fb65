import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { isCodedError } from './CodedError.js';
import { wasNotStored } from './internals/notStored.js';
import { isReplayedError } from './ReplayedError.js';
import { isInputValidationError } from './storeDeterministicErrors.js';

export interface IdempotencyErrorData {
  /** A stable machine-readable code: the cause's own `code` when it is a coded error, else tRPC's code. */
  code: string;
  /** Whether repeating the same request (same key) can succeed. */
  retryable: boolean;
  /** A coded cause's `details` (JSON), e.g. the current state a client needs to recover; stored and replayed with it. */
  details?: unknown;
}

/** Transient by nature. (A 409 is retryable only as IDEMPOTENCY_REQUEST_IN_PROGRESS, which says so itself.) */
const RETRYABLE_STATUSES = new Set([408, 429, 499]);

/**
 * Fields for the app's `errorFormatter`, so that error bodies carry a stable code and a retry hint:
 * `errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idempotencyErrorData(error) } })`.
 *
 * The code is the cause's own only when the cause is a coded error (`isCodedError`), as this
 * package's errors are and as an app's business errors should be; its optional `details` (JSON)
 * travel too. Other causes' codes (a database driver's, say) are internals and never reach the client.
 *
 * `retryable`:
 * - `false` for a stored outcome, answered first or replayed: repeating the request replays it;
 * - `true` for every 5xx and for every failure of an idempotent mutation that was not stored for
 *   its key (except input that can never be valid): the outcome is unknown — earlier phases may
 *   have committed, a charge may have gone through — and only a retry with the same key can finish
 *   the work without doing it twice. A client must keep the key;
 * - else the coded cause's own hint, or true for 408, 429 and 499.
 */
export function idempotencyErrorData(error: TRPCError): IdempotencyErrorData {
  const cause = isCodedError(error.cause) ? error.cause : null;
  // tRPC reports a body that is not JSON as BAD_REQUEST caused by a SyntaxError.
  const code = cause?.code || (error.code === 'BAD_REQUEST' && error.cause instanceof SyntaxError ? 'PARSE_ERROR' : error.code);
  const data: IdempotencyErrorData = { code, retryable: retryableOf(error, cause?.retryable) };
  if (cause?.details !== undefined) data.details = cause.details;
  return data;
}

function retryableOf(error: TRPCError, hint: boolean | undefined): boolean {
  if (isReplayedError(error.cause)) return false;
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500 || (wasNotStored(error) && !isInputValidationError(error))) return true;
  return hint ?? RETRYABLE_STATUSES.has(status);
}
