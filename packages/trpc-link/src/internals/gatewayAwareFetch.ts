import type { HTTPLinkOptions } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { GatewayError } from '../GatewayError.js';

/** The `fetch` tRPC's HTTP links accept (`fetch`, undici, node-fetch, a wrapper). */
export type LinkFetch = NonNullable<HTTPLinkOptions<AnyRouter['_def']['_config']['$types']>['fetch']>;

type ResponseLike = Awaited<ReturnType<LinkFetch>> & {
  status?: number;
  headers?: { get(name: string): string | null };
  clone?: () => { text(): Promise<string> };
};

/** Statuses worth a look: the ones the retry policy acts on without a tRPC body. */
const isRetryableStatus = (status: number | undefined) => status !== undefined && (status === 429 || status >= 500);

/**
 * Wraps `fetch` so that a 429 or 5xx whose body is not JSON (a proxy's HTML error page) rejects
 * with a `GatewayError` carrying the status and headers, instead of reaching tRPC's HTTP link as
 * an unparseable body with no status — which the retry policy could only treat as a bug. The body
 * is read from a clone; every other response passes through untouched.
 */
export function gatewayAwareFetch(base: LinkFetch | undefined): LinkFetch {
  return async (input, init) => {
    const fetchImpl: LinkFetch = base ?? ((...args) => globalThis.fetch(...(args as Parameters<typeof fetch>)));
    const response = (await fetchImpl(input, init)) as ResponseLike;
    if (!isRetryableStatus(response.status) || !response.headers) return response;
    const copy = response.clone?.();
    if (typeof copy?.text !== 'function') return response; // a ponyfill without clone: leave it to tRPC
    const body = await copy.text();
    try {
      JSON.parse(body);
    } catch (cause) {
      throw new GatewayError(response.status as number, response.headers, { cause });
    }
    return response;
  };
}
