import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

export interface IdempotencyErrorData {
  /** A stable machine-readable code: the cause's own `code` when it has one, else tRPC's code. */
  code: string;
  /** Whether repeating the same request (same key) can succeed. */
  retryable: boolean;
}

const RETRYABLE_STATUSES = new Set([408, 409, 429, 499, 502, 503, 504]);

/**
 * Fields for the app's `errorFormatter`, so that error bodies carry a stable code and a retry hint:
 * `errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idempotencyErrorData(error) } })`.
 */
export function idempotencyErrorData(error: TRPCError): IdempotencyErrorData {
  const cause = error.cause as { code?: unknown; retryable?: unknown } | undefined;
  const code = typeof cause?.code === 'string' ? cause.code : error.code;
  const retryable = typeof cause?.retryable === 'boolean' ? cause.retryable : RETRYABLE_STATUSES.has(getHTTPStatusCodeFromError(error));
  return { code, retryable };
}
