import { httpLink, type HTTPHeaders, type HTTPLinkOptions, type Operation, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { gatewayAwareFetch } from './internals/gatewayAwareFetch.js';
import { mergeHeaders } from './internals/mergeHeaders.js';
import { idempotencyHeaders } from './idempotencyHeaders.js';

/**
 * tRPC's `httpLink`, wired for `idempotencyLink`: each mutation's `Idempotency-Key` header is
 * added to your own `headers` (a function or a value; the key wins over a header of the same
 * name), the link is told the key was sent, and a gateway's non-JSON 429/5xx page becomes a
 * retryable `GatewayError` instead of an unparseable body. Takes exactly `httpLink`'s options.
 *
 * @example createTRPCClient<AppRouter>({ links: [idempotencyLink(), idempotentHttpLink({ url })] })
 */
export function idempotentHttpLink<TRouter extends AnyRouter = AnyRouter>(opts: HTTPLinkOptions<TRouter['_def']['_config']['$types']>): TRPCLink<TRouter> {
  const { headers } = opts;
  // (a spread of a generic options type does not narrow `headers`; the shape is httpLink's own)
  const wired = {
    ...opts,
    fetch: gatewayAwareFetch(opts.fetch),
    headers: async ({ op }: { op: Operation }): Promise<HTTPHeaders> => {
      // the app's headers first: if they throw, the key was not sent
      const app = typeof headers === 'function' ? await headers({ op }) : headers;
      return mergeHeaders(app, idempotencyHeaders(op));
    },
  } as typeof opts;
  return httpLink<TRouter>(wired);
}
