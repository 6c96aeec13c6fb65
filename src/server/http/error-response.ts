import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { REQUEST_ID_HEADER } from './request-id';

/** An error in tRPC's envelope, for failures that happen before (or beyond) tRPC. */
export function errorResponse(error: TRPCError, requestId: string, headers: Record<string, string> = {}): Response {
  const httpStatus = getHTTPStatusCodeFromError(error);
  const serverFault = httpStatus >= 500;
  const data = { code: error.code, httpStatus, retryable: serverFault, zodError: null, ...(serverFault ? { requestId } : {}) };
  return Response.json({ error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data } }, { status: httpStatus, headers: { ...headers, [REQUEST_ID_HEADER]: requestId } });
}
