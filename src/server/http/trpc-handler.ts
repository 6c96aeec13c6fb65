import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import type { FaultInjector } from '../faults';
import type { PaymentGateway } from '../payments/payment-gateway';
import { appRouter } from '../root';
import { createContext } from '../trpc';
import { loadSessionSecret } from '../session/session-secret';
import { BodyTooLargeError, limitBody } from './body-limit';

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
}

/** The whole tRPC API as a fetch handler: `Request` in, `Response` out. */
export function createTrpcHandler({ db, payments, faults, sessionSecret = loadSessionSecret() }: TrpcHandlerOptions) {
  const { API_MAX_BODY_BYTES } = readServerEnv();
  return async (incoming: Request): Promise<Response> => {
    let req: Request;
    try {
      req = await limitBody(incoming, API_MAX_BODY_BYTES);
    } catch (error) {
      // The unread rest of the body makes the connection unusable for another request: close it.
      if (error instanceof BodyTooLargeError) return errorResponse(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: error.message }), { connection: 'close' });
      throw error;
    }
    return fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req,
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: ({ req, resHeaders }) => createContext({ db, req, resHeaders, payments, faults, sessionSecret }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '<no path>'} failed:`, error.cause ?? error);
      },
    });
  };
}

/** An error in tRPC's envelope, for failures that happen before tRPC sees the request. */
function errorResponse(error: TRPCError, headers: Record<string, string> = {}): Response {
  const httpStatus = getHTTPStatusCodeFromError(error);
  return Response.json(
    { error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: error.code, httpStatus, retryable: false, zodError: null } } },
    { status: httpStatus, headers },
  );
}
