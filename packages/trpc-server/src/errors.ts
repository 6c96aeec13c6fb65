import { TRPCError } from '@trpc/server';

/**
 * Stable, machine-readable codes of the idempotency contract. They travel in the error's `cause`
 * and are surfaced by `idempotencyErrorFormatter` as `error.data.code`.
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

/** The `cause` of every TRPCError this package throws. */
export class IdempotencyError extends Error {
  override readonly name = 'IdempotencyError' as const;
  readonly retryable: boolean;
  constructor(
    readonly code: IdempotencyErrorCode,
    message: string,
  ) {
    super(message);
    this.retryable = RETRYABLE[code];
  }
}

export function idempotencyError(code: IdempotencyErrorCode, message: string): TRPCError {
  return new TRPCError({ code: TRPC_CODE_OF[code], message, cause: new IdempotencyError(code, message) });
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isIdempotencyError(value: unknown): value is IdempotencyError {
  return value instanceof Error && value.name === 'IdempotencyError' && 'code' in value;
}

/**
 * Thrown inside a fenced transaction when the record's lock token is no longer ours: the lock
 * expired and another request took the key over. The transaction rolls back.
 */
export class LostLockError extends Error {
  override readonly name = 'LostLockError' as const;
  constructor() {
    super('This request held its Idempotency-Key past the lock timeout and another request took it over.');
  }
}

export function isLostLockError(value: unknown): value is LostLockError {
  return value instanceof Error && value.name === 'LostLockError';
}

/**
 * A procedure returned (or a business error carried) a value that JSON cannot represent — a
 * BigInt, a cycle. It can never be stored or replayed: a programming error, reported at once.
 */
export class UnserializableResultError extends Error {
  override readonly name = 'UnserializableResultError' as const;
  constructor(procedure: string, options: { cause: unknown }) {
    super(`The result of ${procedure} cannot be stored as JSON, so it could never be replayed. Return plain JSON values.`, options);
  }
}

export function isUnserializableResultError(value: unknown): value is UnserializableResultError {
  return value instanceof Error && value.name === 'UnserializableResultError';
}
