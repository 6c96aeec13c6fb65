import { IdempotencyLinkError } from './IdempotencyLinkError.js';
import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * Something in front of the server (a load balancer, a proxy, a CDN) answered 429 or 5xx with a
 * body that is not JSON — an HTML error page. tRPC's HTTP links cannot parse it and would report
 * no status at all; the ready-wired links (`idempotentHttpLink`, `idempotentHttpBatchLink`) throw
 * this instead, so the retry policy sees the status: a 502/503/504 is retried as `unavailable`
 * with the same key, and the outcome stays unknown. It reaches you as the `cause` of the
 * mutation's `TRPCClientError`.
 */
export class GatewayError extends IdempotencyLinkError {
  override readonly name = 'GatewayError' as const;
  override readonly code = 'GATEWAY_ERROR' as const;
  constructor(
    /** The HTTP status the gateway answered. */
    readonly status: number,
    /** The response headers (`Retry-After` is honoured). */
    readonly headers: { get(name: string): string | null },
    options?: { cause?: unknown },
  ) {
    super(`The server's gateway answered ${status} with a body that is not tRPC JSON.`, options);
  }
}

/** Whether `value` is a `GatewayError`: an `Error` with its name (see `IdempotencyLinkError`). */
export function isGatewayError(value: unknown): value is GatewayError {
  return isErrorNamed(value, 'GatewayError');
}
