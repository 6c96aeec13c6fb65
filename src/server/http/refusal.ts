import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { SHOP_ERRORS, type ShopErrorCode } from '../errors';
import { REQUEST_ID_HEADER } from './request-id';

/** Seconds a refused client is asked to wait: long enough to let a burst drain, short next to a checkout. */
export const RETRY_AFTER_S = 1;

/**
 * A coded answer given before tRPC runs (busy, draining, timed out), in the envelope tRPC's own
 * errors use — `error.data.code`, `httpStatus`, `retryable`, `requestId` — with `Retry-After`, which
 * the link honours. Nothing was stored for the key: the client retries with the same one.
 */
export function refusal(req: Request, code: ShopErrorCode, message: string, requestId: string, headers: Record<string, string> = {}, retryAfterS: number = RETRY_AFTER_S): Response {
  const { trpcCode, retryable } = SHOP_ERRORS[code];
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code: trpcCode }));
  const data = { code, httpStatus, retryable, zodError: null, requestId };
  const envelope = { error: { message, code: TRPC_ERROR_CODES_BY_KEY[trpcCode], data } };
  // A batch (`?batch=1`, paths joined by commas) is answered one envelope per operation, as tRPC does.
  const url = new URL(req.url);
  const batch = url.searchParams.get('batch') === '1' ? url.pathname.split('/').at(-1)?.split(',').length ?? 1 : null;
  return Response.json(
    batch === null ? envelope : Array.from({ length: batch }, () => envelope),
    { status: httpStatus, headers: { ...headers, 'Retry-After': String(retryAfterS), 'Cache-Control': 'no-store', [REQUEST_ID_HEADER]: requestId } },
  );
}
