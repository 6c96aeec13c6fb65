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

const TRPC_CODE_OF: Record<IdempotencyErrorCode, TRPCError['code']> = {
  IDEMPOTENCY_KEY_MISSING: 'BAD_REQUEST',
  IDEMPOTENCY_KEY_INVALID: 'BAD_REQUEST',
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 'CONFLICT',
  IDEMPOTENCY_KEY_REUSED: 'UNPROCESSABLE_CONTENT',
};

/** Whether a client may repeat the same request with the same key and hope for another outcome. */
const RETRYABLE: Record<IdempotencyErrorCode, boolean> = {
  IDEMPOTENCY_KEY_MISSING: false,
  IDEMPOTENCY_KEY_INVALID: false,
  IDEMPOTENCY_REQUEST_IN_PROGRESS: true,
  IDEMPOTENCY_KEY_REUSED: false,
};

/** The `cause` of every protocol error this package answers with (400, 409, 422). */
export class IdempotencyError extends CodedError<IdempotencyErrorCode> {
  override readonly name = 'IdempotencyError' as const;
  constructor(code: IdempotencyErrorCode, message: string) {
    super(code, message, RETRYABLE[code]);
  }
}

/** The TRPCError a client receives for a protocol error, with an `IdempotencyError` cause. */
export function idempotencyError(code: IdempotencyErrorCode, message: string): TRPCError {
  return new TRPCError({ code: TRPC_CODE_OF[code], message, cause: new IdempotencyError(code, message) });
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isIdempotencyError(value: unknown): value is IdempotencyError {
  return value instanceof Error && value.name === 'IdempotencyError';
}
