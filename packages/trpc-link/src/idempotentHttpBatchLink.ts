import { httpBatchLink, type HTTPBatchLinkOptions, type HTTPHeaders, type Operation, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { gatewayAwareFetch } from './internals/gatewayAwareFetch.js';
import { mergeHeaders } from './internals/mergeHeaders.js';
import { idempotencyHeaders } from './idempotencyHeaders.js';

/**
 * tRPC's `httpBatchLink`, wired for `idempotencyLink`: the batch's `Idempotency-Key` list (one
 * key per operation, `""` for queries) is added to your own `headers` (a function or a value; the
 * key wins over a header of the same name), the link is told each key was sent, and a gateway's
 * non-JSON 429/5xx page becomes a retryable `GatewayError` instead of an unparseable body. Takes
 * exactly `httpBatchLink`'s options.
 *
 * The server must read the batch's key list (`@idem/trpc-server` does). For a server that takes
 * one key per request, send mutations through `idempotentHttpLink` with `splitLink`.
 *
 * @example createTRPCClient<AppRouter>({ links: [idempotencyLink(), idempotentHttpBatchLink({ url })] })
 */
export function idempotentHttpBatchLink<TRouter extends AnyRouter>(opts: HTTPBatchLinkOptions<TRouter['_def']['_config']['$types']>): TRPCLink<TRouter> {
  const { headers } = opts;
  // (a spread of a generic options type does not narrow `headers`; the shape is httpLink's own)
  const wired = {
    ...opts,
    fetch: gatewayAwareFetch(opts.fetch),
    headers: async ({ opList }: { opList: [Operation, ...Operation[]] }): Promise<HTTPHeaders> => {
      const app = typeof headers === 'function' ? await headers({ opList }) : headers;
      return mergeHeaders(app, idempotencyHeaders(opList));
    },
  } as typeof opts;
  return httpBatchLink<TRouter>(wired);
}
