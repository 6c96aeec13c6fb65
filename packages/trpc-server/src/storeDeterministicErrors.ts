import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/**
 * Which failures are stored and replayed. The default stores deterministic client-side outcomes —
 * 4xx business errors such as out-of-stock — and stores nothing for 5xx, for the transient 4xx
 * (408 timeout, 429 rate limit, 499 client gone) and for input validation errors: their outcome is
 * unknown or nothing ran, so the key stays retryable instead of replaying a failure forever.
 */
export type StoreErrorPolicy = (error: TRPCError) => boolean;

const TRANSIENT_CLIENT_STATUSES = new Set([408, 429, 499]);

export const storeDeterministicErrors: StoreErrorPolicy = (error) => {
  const status = getHTTPStatusCodeFromError(error);
  return status >= 400 && status < 500 && !TRANSIENT_CLIENT_STATUSES.has(status) && !isInputValidationError(error);
};

/**
 * tRPC's input parser failed (a zod or other Standard Schema error with `issues`): the procedure
 * never started, and as Stripe does, nothing is saved for a request that did not begin executing.
 */
export function isInputValidationError(error: TRPCError): boolean {
  const cause = error.cause as { issues?: unknown } | undefined;
  return error.code === 'BAD_REQUEST' && Array.isArray(cause?.issues);
}
