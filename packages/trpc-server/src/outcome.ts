import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { UnserializableResultError } from './errors.js';
import type { StoredResponse } from './store.js';

/**
 * Which failures are stored and replayed. The default stores deterministic client-side outcomes —
 * 4xx business errors such as out-of-stock — and stores nothing for 5xx, for the transient 4xx
 * (408 timeout, 429 rate limit, 499 client gone) and for input validation errors: their writes
 * rolled back, so the key stays retryable and a retry can still succeed, instead of replaying a
 * failure forever.
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

/** The serialized form of an error's `cause`, enough to rebuild `data.code` on replay. */
interface StoredErrorBody {
  error: { code: TRPCError['code']; message: string; causeCode: string | null; causeDetails?: unknown };
}

export function serializeResult(data: unknown, procedure: string): StoredResponse {
  return { status: 200, body: toJson({ result: data === undefined ? null : data }, procedure) };
}

export function serializeError(error: TRPCError, procedure: string): StoredResponse {
  const cause = error.cause as { code?: unknown; retryable?: unknown; details?: unknown } | undefined;
  const coded = typeof cause?.code === 'string' && typeof cause.retryable === 'boolean';
  const body: StoredErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      causeCode: coded ? (cause?.code as string) : null,
      ...(coded && cause?.details !== undefined ? { causeDetails: cause.details } : {}),
    },
  };
  return { status: getHTTPStatusCodeFromError(error), body: toJson(body, procedure) };
}

function toJson(value: unknown, procedure: string): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    throw new UnserializableResultError(procedure, { cause });
  }
}

/** The cause of a replayed error: carries the original's machine-readable code and details. */
export class ReplayedError extends Error {
  override readonly name = 'ReplayedError' as const;
  /** A stored outcome is final: repeating the request replays it again. */
  readonly retryable = false;
  constructor(
    readonly code: string | undefined,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isReplayedError(value: unknown): value is ReplayedError {
  return value instanceof Error && value.name === 'ReplayedError';
}

export type ReplayedOutcome = { ok: true; data: unknown } | { ok: false; error: TRPCError };

export function deserialize(response: StoredResponse): ReplayedOutcome {
  const parsed = JSON.parse(response.body) as { result: unknown } | StoredErrorBody;
  if ('result' in parsed) return { ok: true, data: parsed.result };
  const { code, message, causeCode, causeDetails } = parsed.error;
  return { ok: false, error: new TRPCError({ code, message, cause: new ReplayedError(causeCode ?? undefined, message, causeDetails) }) };
}
