import { TRPCError } from '@trpc/server';
import type { ServerEnv } from '../env';
import { metrics } from '../observability/metrics';
import type { RequestScope } from '../observability/request-scope';
import { BodyAbortedError, BodyTimeoutError, BodyTooLargeError, limitBody } from './body-limit';
import { errorResponse } from './error-response';
import type { Lifecycle } from './lifecycle';
import { refusal } from './refusal';

/** What admission needs: the instance's lifecycle, its limits, and the work of an admitted request. */
export interface Admission {
  lifecycle: Lifecycle;
  env: Pick<ServerEnv, 'API_MAX_CONCURRENT_REQUESTS' | 'API_MAX_BODY_BYTES' | 'API_REQUEST_TIMEOUT_MS'>;
  /** Answers an admitted request (its body read). */
  handle: (req: Request, scope: RequestScope) => Promise<Response>;
}

/**
 * Backpressure, before any work: while draining, or with API_MAX_CONCURRENT_REQUESTS already in
 * flight, an immediate 503 with `Retry-After` (nothing ran, so the key is untouched). Admitted,
 * the request is answered 503 REQUEST_TIMED_OUT after API_REQUEST_TIMEOUT_MS; its work goes on
 * and holds its slot and its key until it ends, so a retry gets 409 in-progress, then the answer
 * stored — never a stored failure.
 */
export async function admitRequest(incoming: Request, scope: RequestScope, { lifecycle, env, handle }: Admission): Promise<Response> {
  const { requestId } = scope;
  if (lifecycle.draining) {
    metrics.httpRejected.inc({ reason: 'shutting_down' });
    return refusal(incoming, 'SERVER_SHUTTING_DOWN', 'This instance is shutting down. Retry with the same Idempotency-Key.', requestId, { connection: 'close' });
  }
  if (lifecycle.inFlight >= env.API_MAX_CONCURRENT_REQUESTS) return busy(incoming, requestId, env.API_MAX_CONCURRENT_REQUESTS);
  const body = await readBody(incoming, requestId, env);
  if (!body.ok) return body.response;
  const req = body.req;
  if (lifecycle.inFlight >= env.API_MAX_CONCURRENT_REQUESTS) return busy(req, requestId, env.API_MAX_CONCURRENT_REQUESTS);
  const leave = lifecycle.enter();
  metrics.httpInFlight.inc();
  const release = () => {
    leave();
    metrics.httpInFlight.dec();
  };
  const work = handle(req, scope).finally(release);
  return answerInTime(work, incoming, scope, env.API_REQUEST_TIMEOUT_MS);
}

/** 503 SERVER_BUSY: the instance already works on its limit of requests. */
function busy(req: Request, requestId: string, limit: number): Response {
  metrics.httpRejected.inc({ reason: 'busy' });
  return refusal(req, 'SERVER_BUSY', `This instance is at its limit of ${limit} requests at once. Retry after Retry-After with the same Idempotency-Key.`, requestId);
}

/**
 * The body first, outside the slots and with its own deadline: a slow or stalled upload holds
 * no slot, and is answered 408 (never stored: the request never reached its key); a client that
 * went away mid-body gets 499 (client closed request), logged as the client's outcome.
 */
async function readBody(incoming: Request, requestId: string, env: Admission['env']): Promise<{ ok: true; req: Request } | { ok: false; response: Response }> {
  try {
    return { ok: true, req: await limitBody(incoming, env.API_MAX_BODY_BYTES, env.API_REQUEST_TIMEOUT_MS) };
  } catch (error) {
    // The unread rest of the body makes the connection unusable for another request: close it.
    if (error instanceof BodyTooLargeError) return { ok: false, response: errorResponse(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: error.message }), requestId, { connection: 'close' }) };
    if (error instanceof BodyTimeoutError) return { ok: false, response: errorResponse(new TRPCError({ code: 'TIMEOUT', message: error.message }), requestId, { connection: 'close' }) };
    // Nobody is left to answer: 499 for the log and the metrics, never a server error.
    if (error instanceof BodyAbortedError) {
      metrics.httpRejected.inc({ reason: 'client_closed' });
      return { ok: false, response: errorResponse(new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: error.message }), requestId, { connection: 'close' }) };
    }
    throw error;
  }
}

/** The work's answer, or 503 REQUEST_TIMED_OUT after `timeoutMs` while the work goes on. */
async function answerInTime(work: Promise<Response>, incoming: Request, scope: RequestScope, timeoutMs: number): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const response = await Promise.race([work, timedOut]);
    if (response) return response;
  } finally {
    clearTimeout(timer);
  }
  // Its outcome is for the log and the key's record now; never an unhandled rejection.
  work.catch((error: unknown) => scope.log.error({ err: error }, 'timed-out request failed'));
  metrics.httpRejected.inc({ reason: 'timeout' });
  scope.log.warn({ timeoutMs }, 'request timed out; its work goes on');
  return refusal(incoming, 'REQUEST_TIMED_OUT', `The request ran longer than ${timeoutMs} ms; it may still complete. Retry with the same Idempotency-Key to get its outcome.`, scope.requestId);
}
