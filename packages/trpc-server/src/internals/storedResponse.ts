import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { isCodedError } from '../CodedError.js';
import { ReplayedError } from '../ReplayedError.js';
import type { StoredResponse } from '../store.js';
import { UnserializableResultError } from '../UnserializableResultError.js';

/** The serialized form of an error's `cause`, enough to rebuild `data.code` on replay. */
interface StoredErrorBody {
  error: { code: TRPCError['code']; message: string; causeCode: string | null; causeDetails?: unknown };
}

export function serializeResult(data: unknown, procedure: string): StoredResponse {
  return { status: 200, body: toJson({ result: data === undefined ? null : data }, procedure) };
}

export function serializeError(error: TRPCError, procedure: string): StoredResponse {
  const cause = isCodedError(error.cause) ? error.cause : null;
  const body: StoredErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      causeCode: cause?.code || null,
      ...(cause?.details !== undefined ? { causeDetails: cause.details } : {}),
    },
  };
  return { status: getHTTPStatusCodeFromError(error), body: toJson(body, procedure) };
}

/** A stored response as the middleware answers it: the result, or the error with a `ReplayedError` cause. */
export function deserialize(response: StoredResponse): { ok: true; data: unknown } | { ok: false; error: TRPCError } {
  const parsed = JSON.parse(response.body) as { result: unknown } | StoredErrorBody;
  if ('result' in parsed) return { ok: true, data: parsed.result };
  const { code, message, causeCode, causeDetails } = parsed.error;
  return { ok: false, error: new TRPCError({ code, message, cause: new ReplayedError(causeCode ?? undefined, message, causeDetails) }) };
}

function toJson(value: unknown, procedure: string): string {
  try {
    return JSON.stringify(value);
  } catch (cause) {
    throw new UnserializableResultError(procedure, { cause });
  }
}
