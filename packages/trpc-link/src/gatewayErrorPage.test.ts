import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isGatewayError } from './GatewayError.js';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpBatchLink } from './idempotentHttpBatchLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import { memoryStorage } from './memoryStorage.js';
import type { TestRouter } from './test-utils/scriptedFetch.js';

// From an adversarial review: a load balancer or proxy in front of the app answers 502/503/504
// with an HTML page, not tRPC JSON. tRPC's HTTP links then fail on `res.json()` and attach no
// response to the error, so the link saw no status, only a SyntaxError, and stopped
// ('unknown-error') where a JSON 502 is retried ('unavailable') with the same key. The
// ready-wired links read such a body and raise a `GatewayError` with the status instead.

const url = 'http://api.test/trpc';
const page = (status: number) => `<html><body><h1>${status} Bad Gateway</h1></body></html>`;

/** Answers the first `failures` requests with the gateway's HTML page, then with tRPC JSON. */
function gatewayFetch(status: number, failures: number, headers: Record<string, string> = {}) {
  const keys: (string | null)[] = [];
  const at: number[] = [];
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    keys.push(new Headers(init?.headers as HeadersInit | undefined).get('idempotency-key'));
    at.push(Date.now());
    if (keys.length <= failures) return new Response(page(status), { status, headers: { 'content-type': 'text/html', ...headers } });
    const batch = new URL(String(_input)).searchParams.has('batch');
    const body = batch ? [{ result: { data: 'bought' } }] : { result: { data: 'bought' } };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, keys, at };
}

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error: error as TRPCClientError<TestRouter> }));

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a gateway error page', () => {
  it.each([502, 503, 504])('a %i with an HTML body is retried with the same key by idempotentHttpLink, as a JSON one is', async (status) => {
    const { fetch, keys } = gatewayFetch(status, 1);
    const onRetry = vi.fn();
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 100, onRetry }), idempotentHttpLink({ url, fetch })] });
    const result = settle(client.buy.mutate({ sku: 'mug', quantity: 1 }));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(keys[1]).toBe(keys[0]);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ reason: 'unavailable' }));
  });

  it('is retried by idempotentHttpBatchLink too, honouring the gateway’s Retry-After', async () => {
    const { fetch, keys, at } = gatewayFetch(503, 1, { 'retry-after': '3' });
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage() }), idempotentHttpBatchLink({ url, fetch })] });
    const result = settle(client.buy.mutate({ sku: 'mug' }));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(keys[1]).toBe(keys[0]);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(3000);
    expect(at[1]! - at[0]!).toBeLessThan(3010); // + the batch loader's setTimeout(0)
  });

  it('ends, when retries run out, as an unknown outcome whose cause says what the gateway answered', async () => {
    const { fetch, keys } = gatewayFetch(502, 99);
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 100, maxAttempts: 3 }), idempotentHttpLink({ url, fetch })] });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    const { error } = (await result) as { error: TRPCClientError<TestRouter> };
    expect(keys).toHaveLength(3);
    expect(isGatewayError(error.cause)).toBe(true);
    expect(error.cause).toMatchObject({ status: 502, code: 'GATEWAY_ERROR' });
    expect(getIdempotencyMeta(error)).toMatchObject({ attempts: 3, stoppedBy: 'max-attempts', outcome: 'unknown' });
  });

  it('was not retried over a hand-wired httpLink (why the ready-wired links read the body)', async () => {
    const { fetch, keys } = gatewayFetch(502, 1);
    const client = createTRPCClient<TestRouter>({
      links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 100 }), httpLink({ url, fetch, headers: ({ op }) => idempotencyHeaders(op) })],
    });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(getIdempotencyMeta(((await result) as { error: unknown }).error)).toMatchObject({ stoppedBy: 'unknown-error', outcome: 'unknown' });
    expect(keys).toHaveLength(1);
  });

  it('leaves a tRPC JSON error untouched: its data.code still reaches the caller', async () => {
    const fetch = async () =>
      new Response(JSON.stringify({ error: { message: 'declined', code: -32000, data: { code: 'PAYMENT_DECLINED', httpStatus: 402 } } }), {
        status: 402,
        headers: { 'content-type': 'application/json' },
      });
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage() }), idempotentHttpLink({ url, fetch })] });
    const { error } = (await settle(client.buy.mutate('a'))) as { error: TRPCClientError<TestRouter> };
    expect(error.data).toMatchObject({ code: 'PAYMENT_DECLINED' });
    expect(getIdempotencyMeta(error)).toMatchObject({ stoppedBy: 'not-retryable', outcome: 'known' });
  });
});
