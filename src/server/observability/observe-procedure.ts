import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { idempotencyErrorData } from '@idem/trpc-server';
import { metrics } from './metrics';
import { requestScopes } from './request-scope';
import { withSpan } from './tracing';

/** What a tRPC middleware's `next()` resolves to, as far as observing it goes. */
type MiddlewareResultLike = { ok: true } | { ok: false; error: TRPCError };

/**
 * A tRPC middleware body for every procedure: a span `trpc <path>` around the call (its phases and
 * the payment call become its children), and the RED metrics — `idem_trpc_requests_total` by status
 * class, `idem_trpc_errors_total` by error code, `idem_trpc_request_duration_seconds`. Labels are
 * procedure paths and error codes, both closed sets: a request for an unknown path never gets here.
 */
export function observeProcedure<R extends MiddlewareResultLike>({ path, type, next }: { path: string; type: string; next: () => Promise<R> }): Promise<R> {
  const scope = requestScopes.getStore();
  const attributes = {
    'rpc.system': 'trpc',
    'rpc.method': path,
    'trpc.type': type,
    ...(scope ? { 'http.request_id': scope.requestId } : {}),
    ...(scope?.attempt !== undefined ? { 'idempotency.attempt': scope.attempt } : {}),
  };
  return withSpan(`trpc ${path}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    const stopTimer = metrics.duration.startTimer({ procedure: path, type });
    const result = await next();
    stopTimer();
    const status = result.ok ? 200 : getHTTPStatusCodeFromError(result.error);
    span.setAttribute('http.response.status_code', status);
    metrics.requests.inc({ procedure: path, type, status_class: `${Math.floor(status / 100)}xx` });
    if (!result.ok) {
      const code = idempotencyErrorData(result.error).code;
      metrics.errors.inc({ procedure: path, code });
      span.setAttribute('error.type', code);
      // A 4xx is the client's business (a declined card, a stale cart); only a 5xx marks the span failed.
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: code });
    }
    return result;
  });
}
