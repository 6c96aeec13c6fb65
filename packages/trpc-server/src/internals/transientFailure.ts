import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

const TRANSIENT_STATUSES = new Set([408, 409, 429, 499, 502, 503, 504]);
/**
 * Prisma's codes for a database that is briefly out of reach or overloaded: can't reach or timed
 * out (P1001, P1002, P1008), connection closed (P1017), no pooled connection in time (P2024),
 * transaction could not start or expired (P2028), deadlock or write conflict (P2034).
 */
const TRANSIENT_DATABASE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);

export function isTransientFailure(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TRPCError' && TRANSIENT_STATUSES.has(getHTTPStatusCodeFromError(error as TRPCError))) return true;
  return causes(error).some((cause) => TRANSIENT_DATABASE_CODES.has(codeOf(cause) ?? ''));
}

/** The error and its causes, outermost first (at most 4). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && current !== null && chain.length < 4; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** E.g. `TRPCError INTERNAL_SERVER_ERROR ← PrismaClientKnownRequestError P2002`: names and codes, no messages. */
export function failureKind(error: unknown): string {
  return causes(error)
    .map((cause) => [cause instanceof Error ? cause.name : typeof cause, codeOf(cause)].filter(Boolean).join(' '))
    .join(' ← ');
}
