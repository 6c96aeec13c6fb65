import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Db } from '../db/create-db';
import { ShopError } from '../errors';
import { readServerEnv, type ServerEnv } from '../env';
import type { FaultInjector } from '../faults';
import type { PaymentGateway } from '../payments/payment-gateway';
import { appRouter } from '../root';
import { createContext } from '../trpc';
import { loadSessionSecret } from '../session/session-secret';
import { BodyTooLargeError, limitBody } from './body-limit';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';

/** Where the API is mounted; the Next.js route and the test servers both serve it here. */
export const TRPC_ENDPOINT = '/api/trpc';

/** Most operations in one batch request. */
const MAX_BATCH_SIZE = 25;

export interface TrpcHandlerOptions {
  db: Db;
  /** @default simulatedGatewayFor(db) */
  payments?: PaymentGateway;
  /** Crash points for fault-injection tests. */
  faults?: FaultInjector;
  /** @default loadSessionSecret() */
  sessionSecret?: string;
  /** Settings (OPS_TOKEN, TRUST_PROXY, …); tests pass their own. @default readServerEnv() */
  env?: ServerEnv;
}

/**
 * The whole tRPC API as a fetch handler: `Request` in, `Response` out. Every response carries
 * `X-Request-Id` (the caller's, when well-formed, else a new one); a 5xx body carries it as
 * `error.data.requestId` and a generic message, while the cause goes to the server log under it.
 */
export function createTrpcHandler({ db, payments, faults, sessionSecret = loadSessionSecret(), env = readServerEnv() }: TrpcHandlerOptions) {
  return async (incoming: Request): Promise<Response> => {
    const requestId = requestIdOf(incoming.headers);
    try {
      return withRequestId(await handle(incoming, requestId), requestId);
    } catch (error) {
      // Past tRPC's own error handling: still a JSON envelope, never the cause's text.
      console.error(`[${requestId}] ${incoming.method} ${new URL(incoming.url).pathname} failed outside tRPC:`, error);
      return errorResponse(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' }), requestId);
    }
  };

  async function handle(incoming: Request, requestId: string): Promise<Response> {
    let req: Request;
    try {
      req = await limitBody(incoming, env.API_MAX_BODY_BYTES);
    } catch (error) {
      // The unread rest of the body makes the connection unusable for another request: close it.
      if (error instanceof BodyTooLargeError) return errorResponse(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: error.message }), requestId, { connection: 'close' });
      throw error;
    }
    return fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req,
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: ({ req, resHeaders }) => createContext({ db, req, resHeaders, payments, faults, sessionSecret, requestId, env }),
      onError({ error, path }) {
        const status = getHTTPStatusCodeFromError(error);
        if (status < 500) return;
        // The shop's own coded 5xx (the payment provider did not answer) is expected: one line.
        if (error.cause instanceof ShopError) console.error(`[${requestId}] tRPC ${path ?? '<no path>'} answered ${status} ${error.cause.code}: ${error.message}`);
        else console.error(`[${requestId}] tRPC ${path ?? '<no path>'} failed:`, error.cause ?? error);
      },
    });
  }
}

/** The response with `X-Request-Id` set; headers of a `fetch()` response are immutable, so copy then. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, requestId);
    return copy;
  }
}

/** An error in tRPC's envelope, for failures that happen before (or beyond) tRPC. */
function errorResponse(error: TRPCError, requestId: string, headers: Record<string, string> = {}): Response {
  const httpStatus = getHTTPStatusCodeFromError(error);
  const serverFault = httpStatus >= 500;
  const data = { code: error.code, httpStatus, retryable: serverFault, zodError: null, ...(serverFault ? { requestId } : {}) };
  return Response.json({ error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data } }, { status: httpStatus, headers: { ...headers, [REQUEST_ID_HEADER]: requestId } });
}
