import { createTRPCClient, httpBatchLink, httpLink, type TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { isIdempotencyKeyNotSentError } from './IdempotencyKeyNotSentError.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpBatchLink } from './idempotentHttpBatchLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import { memoryStorage } from './memoryStorage.js';
import { fail, ok, scriptedFetch, type Reply, type TestRouter } from './test-utils/scriptedFetch.js';

/**
 * Fail closed: the link retries a mutation only when the terminating link confirmed that the key
 * went out with the attempt. Without that, a retry is a second execution the server cannot
 * deduplicate — the trial's `pay` ran 3 times over a plain `httpBatchLink({ url })`.
 */

const url = 'http://api.test/trpc';
const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error: error as TRPCClientError<TestRouter> }));
let consoleError: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  consoleError.mockRestore();
  vi.useRealTimers();
});

describe('a terminating link that does not send the key', () => {
  it.each<[string, Reply]>([
    ['a 503', fail(503, 'SERVICE_UNAVAILABLE')],
    ['a 500', fail(500, 'INTERNAL_SERVER_ERROR')],
    ['a lost response', 'network-error'],
  ])('is never retried after %s: one attempt, one typed error, no retry event', async (_, reply) => {
    const { fetch, requests } = scriptedFetch(reply, ok('bought'));
    const onRetry = vi.fn();
    const link = idempotencyLink<TestRouter>({ storage: memoryStorage(), onRetry, retryDelay: 100 });
    const client = createTRPCClient<TestRouter>({ links: [link, httpBatchLink({ url, fetch })] });
    const pay = settle(client.buy.mutate({ sku: 'mug' }));
    const again = settle(client.buy.mutate({ sku: 'cup' }));
    await vi.runAllTimersAsync();
    const { error } = (await pay) as { error: TRPCClientError<TestRouter> };
    expect(requests).toHaveLength(1); // both mutations in one batch; nothing sent again
    expect(requests[0]?.key).toBeNull();
    expect(isIdempotencyKeyNotSentError(error.cause)).toBe(true);
    expect(error.cause).toMatchObject({ code: 'IDEMPOTENCY_KEY_NOT_SENT', path: 'buy' });
    expect((error.cause as Error).cause).toBeDefined(); // the attempt's own error, kept
    expect(getIdempotencyMeta(error)).toMatchObject({ attempts: 1, stoppedBy: 'key-not-sent', outcome: 'unknown' });
    expect(getIdempotencyMeta((await again as { error: unknown }).error)).toMatchObject({ stoppedBy: 'key-not-sent' });
    expect(onRetry).not.toHaveBeenCalled();
    expect(consoleError).toHaveBeenCalledTimes(1); // loud, once per link
  });

  it('fails closed with httpLink too, and leaves final errors as they were', async () => {
    const { fetch, requests } = scriptedFetch('network-error', fail(422, 'OUT_OF_STOCK', { retryable: false }));
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage() }), httpLink({ url, fetch })] });
    const first = await settle(client.buy.mutate('a'));
    expect(getIdempotencyMeta((first as { error: unknown }).error)?.stoppedBy).toBe('key-not-sent');
    const second = await settle(client.buy.mutate('b'));
    expect(getIdempotencyMeta((second as { error: unknown }).error)).toMatchObject({ stoppedBy: 'client-error', outcome: 'known' });
    expect(requests).toHaveLength(2);
  });

  it('does not count a header the app sent under the key’s name with another value', async () => {
    const { fetch, requests } = scriptedFetch('network-error', ok('bought'));
    const client = createTRPCClient<TestRouter>({
      links: [idempotencyLink({ storage: memoryStorage() }), httpLink({ url, fetch, headers: { 'Idempotency-Key': '"static"' } })],
    });
    const result = await settle(client.buy.mutate('a'));
    expect(requests).toHaveLength(1);
    expect(getIdempotencyMeta((result as { error: unknown }).error)?.stoppedBy).toBe('key-not-sent');
  });
});

describe('hand wiring with idempotencyHeaders counts as the key on the wire', () => {
  it('with httpLink and idempotencyHeaders(op)', async () => {
    const { fetch, requests } = scriptedFetch('network-error', ok('bought'));
    const client = createTRPCClient<TestRouter>({
      links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 100 }), httpLink({ url, fetch, headers: ({ op }) => ({ authorization: 't', ...idempotencyHeaders(op) }) })],
    });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.key).toBe(requests[0]?.key);
  });

  it('with httpBatchLink and idempotencyHeaders(opList)', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'), { status: 200, body: [{ result: { data: 'a' } }, { result: { data: 'b' } }] });
    const client = createTRPCClient<TestRouter>({
      links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 100 }), httpBatchLink({ url, fetch, headers: ({ opList }) => idempotencyHeaders(opList) })],
    });
    const result = settle(Promise.all([client.buy.mutate('a'), client.buy.mutate('b')]));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: ['a', 'b'] });
    expect(requests).toHaveLength(2);
    expect(requests[1]?.key).toBe(requests[0]?.key);
  });
});

describe('the ready-wired links', () => {
  it('idempotentHttpBatchLink sends every key, merged with the app’s headers, and retries with the same keys', async () => {
    const seen: Headers[] = [];
    const { fetch: answer, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'), { status: 200, body: [{ result: { data: 'a' } }, { result: { data: 'b' } }] });
    const fetch: typeof answer = (input, init) => (seen.push(new Headers(init?.headers as HeadersInit)), answer(input, init));
    let n = 0;
    const client = createTRPCClient<TestRouter>({
      links: [
        idempotencyLink({ storage: memoryStorage(), retryDelay: 100, generateKey: () => `k${++n}` }),
        // the app's own header of the same name must not win over, or duplicate, the link's
        idempotentHttpBatchLink({ url, fetch, headers: async () => ({ authorization: 'Bearer t', 'idempotency-key': 'stale' }) }),
      ],
    });
    const result = settle(Promise.all([client.buy.mutate('a'), client.buy.mutate('b')]));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: ['a', 'b'] });
    expect(requests.map((r) => r.key)).toEqual(['"k1", "k2"', '"k1", "k2"']);
    expect(seen.map((h) => h.get('authorization'))).toEqual(['Bearer t', 'Bearer t']);
  });

  it('idempotentHttpLink takes headers as a value, and sends no key on queries', async () => {
    const seen: Headers[] = [];
    const { fetch: answer, requests } = scriptedFetch('network-error', ok('bought'));
    const fetch: typeof answer = (input, init) => (seen.push(new Headers(init?.headers as HeadersInit)), answer(input, init));
    const client = createTRPCClient<TestRouter>({
      links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 100 }), idempotentHttpLink({ url, fetch, headers: { 'x-tenant': 'shop' } })],
    });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    await client.list.query();
    expect(requests.map((r) => r.key)).toEqual([requests[0]?.key, requests[0]?.key, null]);
    expect(requests[0]?.key).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(seen.map((h) => h.get('x-tenant'))).toEqual(['shop', 'shop', 'shop']);
  });
});
