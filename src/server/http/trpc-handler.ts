import { SpanKind } from '@opentelemetry/api';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Db } from '../db/create-db';
import { ShopError } from '../errors';
import { readServerEnv, type ServerEnv } from '../env';
import type { FaultInjector } from '../faults';
import type { PaymentGateway } from '../payments/payment-gateway';
import { logger as processLogger, type Logger } from '../observability/logger';
import { principalHash, requestScopes, type RequestScope } from '../observability/request-scope';
import { incomingTraceContext, traceIdOf, withSpan } from '../observability/tracing';
import { appRouter } from '../root';
import { createContext } from '../trpc';
import { loadSessionSecret } from '../session/session-secret';
import { admitRequest, type Admission } from './admit-request';
import { reclassifyDatabaseOutage } from './database-unavailable';
import { errorResponse } from './error-response';
import { processLifecycle, type Lifecycle } from './lifecycle';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id';
import { RETRY_AFTER_S } from './refusal';

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
  /** Where request and idempotency lines go; tests pass one writing to a stream they read. @default the process's logger */
  logger?: Logger;
  /** Counts requests for the concurrency bound and the drain; says when the instance drains. @default processLifecycle() */
  lifecycle?: Lifecycle;
}

/** The header the link numbers its sends of one key with: 1 for the first, 2 for the first retry, … */
export const ATTEMPT_HEADER = 'Idempotency-Attempt';

/**
 * The whole tRPC API as a fetch handler: `Request` in, `Response` out. Every response carries
 * `X-Request-Id` (the caller's, when well-formed, else a new one); a 5xx body carries it as
 * `error.data.requestId` and a generic message, while the cause goes to the server log under it.
 */
export function createTrpcHandler({ db, payments, faults, sessionSecret = loadSessionSecret(), env = readServerEnv(), logger = processLogger, lifecycle = processLifecycle() }: TrpcHandlerOptions) {
  const context = { db, payments, faults, sessionSecret, env };
  const admission: Admission = { lifecycle, env, handle: (req, scope) => handle(req, scope, context) };
  return (incoming: Request): Promise<Response> => {
    const requestId = requestIdOf(incoming.headers);
    const parent = incomingTraceContext(incoming.headers);
    const traceId = traceIdOf(parent);
    const attempt = attemptOf(incoming.headers);
    const fields = { requestId, ...(traceId ? { traceId } : {}), ...(attempt !== undefined ? { attempt } : {}) };
    const scope: RequestScope = { log: logger.child(fields), requestId, traceId, attempt, startedAt: performance.now(), outcomes: [], keys: [] };
    const { pathname } = new URL(incoming.url);
    const attributes = { 'http.request.method': incoming.method, 'url.path': pathname, 'http.request_id': requestId };
    return requestScopes.run(scope, () =>
      withSpan(`${incoming.method} ${TRPC_ENDPOINT}`, { kind: SpanKind.SERVER, parent, attributes }, async (span) => {
        // With tracing on and no traceparent, the trace starts here: its id goes in the log lines too.
        if (!scope.traceId && span.isRecording()) scope.log = scope.log.child({ traceId: (scope.traceId = span.spanContext().traceId) });
        scope.log.debug({ headers: Object.fromEntries(incoming.headers) }, 'request headers');
        let response: Response;
        try {
          response = withRequestId(await admitRequest(incoming, scope, admission), requestId);
        } catch (error) {
          // Past tRPC's own error handling: still a JSON envelope, never the cause's text.
          scope.log.error({ err: error, path: pathname }, 'request failed outside tRPC');
          response = errorResponse(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' }), requestId);
        }
        span.setAttribute('http.response.status_code', response.status);
        logRequest(scope, incoming, pathname, response.status);
        return response;
      }),
    );
  };
}

/** What a procedure's context is made of, besides the request. */
type ContextParts = Pick<TrpcHandlerOptions, 'db' | 'payments' | 'faults'> & { sessionSecret: string; env: ServerEnv };

/** An admitted request through tRPC: its context, and a log line for each failed procedure. */
async function handle(incoming: Request, scope: RequestScope, { db, payments, faults, sessionSecret, env }: ContextParts): Promise<Response> {
  const { requestId } = scope;
  const req = withoutStreaming(incoming);
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ req, resHeaders }) => {
      const ctx = createContext({ db, req, resHeaders, payments, faults, sessionSecret, requestId, env });
      scope.principal = principalHash(ctx.principal);
      return ctx;
    },
    onError({ error, path, ctx }) {
      // Called before tRPC formats the error: an unreachable database becomes a retryable 503.
      if (reclassifyDatabaseOutage(error)) ctx?.resHeaders.set('Retry-After', String(RETRY_AFTER_S));
      const status = getHTTPStatusCodeFromError(error);
      if (status < 500) return;
      const procedure = path ?? '<no path>';
      // The shop's own coded 5xx (the payment provider did not answer) is expected: one line, no stack.
      if (error.cause instanceof ShopError) {
        const underlying = (error.cause as { cause?: unknown }).cause; // e.g. the driver's error behind DATABASE_UNAVAILABLE
        scope.log.warn({ procedure, status, code: error.cause.code, ...(underlying ? { err: underlying } : {}) }, error.message);
      }
      else scope.log.error({ procedure, status, err: error.cause ?? error }, 'procedure failed');
    },
  });
}

/**
 * The request without tRPC's streaming opt-in (`trpc-accept` / `Accept: application/jsonl`): a
 * streamed batch answers before its procedures run, so its work would escape the concurrency bound,
 * the request timeout and the shutdown drain. Every answer is plain JSON instead; clients using
 * `httpBatchStreamLink` get the whole batch at once.
 */
function withoutStreaming(req: Request): Request {
  const accept = req.headers.get('accept') ?? '';
  if (req.headers.get('trpc-accept') === null && !/application\/jsonl/i.test(accept)) return req;
  const headers = new Headers(req.headers);
  headers.delete('trpc-accept');
  if (/application\/jsonl/i.test(accept)) headers.set('accept', 'application/json');
  return new Request(req, { headers, duplex: 'half' } as RequestInit);
}

/** The one line per request: who, what, which key and attempt, how it ended and how long it took. */
function logRequest(scope: RequestScope, req: Request, pathname: string, status: number): void {
  const procedure = safeDecode(pathname.slice(TRPC_ENDPOINT.length + 1)) || undefined;
  const key = scope.keys.length > 0 ? scope.keys.join(',') : (req.headers.get('idempotency-key')?.slice(0, 300) ?? undefined);
  const outcome = scope.outcomes.length > 0 ? scope.outcomes.join(',') : status < 400 ? 'ok' : status < 500 ? 'client_error' : 'server_error';
  const line = { event: 'request', method: req.method, procedure, status, outcome, durationMs: Math.round(performance.now() - scope.startedAt), principal: scope.principal, key };
  scope.log[status >= 500 ? 'warn' : 'info'](line, 'request');
}

/** A malformed escape (`%E0`) is logged as sent rather than failing the request after its answer. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The link's `Idempotency-Attempt`: a positive integer, else ignored. */
function attemptOf(headers: Headers): number | undefined {
  const value = headers.get(ATTEMPT_HEADER);
  return value !== null && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : undefined;
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
