import { isTRPCClientError } from '@trpc/client';
import { getIdempotencyMeta, type IdempotencyErrorMeta } from '@idem/trpc-link';

/** What the UI needs from a failed call, whatever threw it. */
export interface ShopErrorInfo {
  /** The server's stable code (`error.data.code`), or `NETWORK` when no answer arrived. */
  code: string;
  /** For people; may change. */
  message: string;
  httpStatus: number | null;
  /** Whether sending the same request again can succeed. */
  retryable: boolean;
  /** Extra data for recovery, e.g. the current cart (`error.data.details`); validate before use. */
  details: unknown;
  /** Set by `idempotencyLink` on failed mutations: the key, attempts made, and whether the outcome is known. */
  idempotency: IdempotencyErrorMeta | null;
}

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  retryable?: unknown;
  details?: unknown;
}

/** Normalizes a failed tRPC call (or anything thrown) for display. */
export function shopErrorOf(error: unknown): ShopErrorInfo {
  if (!isTRPCClientError(error)) {
    return { code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error), httpStatus: null, retryable: false, details: undefined, idempotency: null };
  }
  const data = (error.data ?? {}) as ErrorData;
  const idempotency = getIdempotencyMeta(error) ?? null;
  return {
    code: typeof data.code === 'string' ? data.code : 'NETWORK',
    message: error.message,
    httpStatus: typeof data.httpStatus === 'number' ? data.httpStatus : null,
    retryable: data.retryable === true,
    details: data.details,
    idempotency,
  };
}
