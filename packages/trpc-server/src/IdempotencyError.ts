import { TRPCError } from '@trpc/server';
import { CodedError } from './CodedError.js';

/**
 * Stable, machine-readable codes of the idempotency contract. They travel in the error's `cause`
 * and are surfaced by `idempotencyErrorData` as `error.data.code`.
 */
export type IdempotencyErrorCode =
  | 'IDEMPOTENCY_KEY_MISSING'
  | 'IDEMPOTENCY_KEY_INVALID'
  | 'IDEMPOTENCY_REQUEST_IN_PROGRESS'
  | 'IDEMPOTENCY_KEY_REUSED';

/**
 * Each protocol code with the tRPC code (hence HTTP status) it is answered with, and whether the
 * same request may get another outcome later. The one table: documentation (an OpenAPI generator,
 * say) should derive from it.
 */
export const IDEMPOTENCY_ERRORS: Readonly<Record<IdempotencyErrorCode, { trpcCode: TRPCError['code']; retryable: boolean }>> = {
  IDEMPOTENCY_KEY_MISSING: { trpcCode: 'BAD_REQUEST', retryable: false },
  IDEMPOTENCY_KEY_INVALID: { trpcCode: 'BAD_REQUEST', retryable: false },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: { trpcCode: 'CONFLICT', retryable: true },
  IDEMPOTENCY_KEY_REUSED: { trpcCode: 'UNPROCESSABLE_CONTENT', retryable: false },
};

/** The `cause` of every protocol error this package answers with (400, 409, 422). */
export class IdempotencyError extends CodedError<IdempotencyErrorCode> {
  override readonly name = 'IdempotencyError' as const;
  constructor(code: IdempotencyErrorCode, message: string) {
    super(code, message, IDEMPOTENCY_ERRORS[code].retryable);
  }
}

/** The TRPCError a client receives for a protocol error, with an `IdempotencyError` cause. */
export function idempotencyError(code: IdempotencyErrorCode, message: string): TRPCError {
  return new TRPCError({ code: IDEMPOTENCY_ERRORS[code].trpcCode, message, cause: new IdempotencyError(code, message) });
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isIdempotencyError(value: unknown): value is IdempotencyError {
  return value instanceof Error && value.name === 'IdempotencyError';
}
