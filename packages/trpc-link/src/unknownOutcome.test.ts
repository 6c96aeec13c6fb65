import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { idempotencyLink } from './idempotencyLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import type { JournalStorage } from './JournalStorage.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type Reply, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

/**
 * A 5xx or a lost response is an unknown outcome: the server may have committed (an order, a
 * charge) before it failed. The key must then survive the operation, so "try again" reuses it and
 * the server resumes or replays instead of charging a second time. Only a definitive answer — a
 * 2xx or a stored 4xx — lets the journal forget it.
 */

type Fetch = ReturnType<typeof scriptedFetch>['fetch'];

/** A client over `storage`; a second client on the same storage is what a page reload looks like. */
function clientOn(storage: JournalStorage, fetch: Fetch, options: IdempotencyLinkOptions = {}) {
  return createTRPCClient<TestRouter>({
    links: [
      idempotencyLink({ storage, retryDelay: 100, ...options }),
      httpLink({ url: 'http://api.test/trpc', fetch, headers: ({ op }) => idempotencyHeaders(op) }),
    ],
  });
}

const metaOf = (result: object) => ((result as { error?: unknown }).error as TRPCClientError<TestRouter>).meta?.['idempotency'] as IdempotencyErrorMeta;
const purchase = { sku: 'mug', quantity: 1 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a 5xx is an unknown outcome', () => {
  it('retries a 500 with the same key, and succeeds on the second attempt', async () => {
    const { fetch, requests } = scriptedFetch(fail(500, 'INTERNAL_SERVER_ERROR'), ok('bought'));
    const onRetry = vi.fn();
    const result = settle(clientOn(memoryStorage(), fetch, { onRetry }).buy.mutate(purchase));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests).toHaveLength(2);
    expect(requests[0]?.key).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(requests[1]?.key).toBe(requests[0]?.key);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ reason: 'server-error', attempt: 2 }));
  });

  it.each<[string, Reply]>([
    ['a 500 without a retry hint', fail(500, 'INTERNAL_SERVER_ERROR')],
    ['a 500 the server marks retryable', fail(500, 'INTERNAL_SERVER_ERROR', { retryable: true })],
    ['a 503', fail(503, 'PAYMENT_PROVIDER_UNAVAILABLE', { retryable: true })],
    ['a network failure', 'network-error'],
  ])('keeps the key after %s on every attempt, and the same mutation again reuses it', async (_, reply) => {
    const storage = memoryStorage();
    const failing = scriptedFetch(reply);
    const result = settle(clientOn(storage, failing.fetch, { maxAttempts: 3 }).buy.mutate(purchase));
    await vi.runAllTimersAsync();
    expect(metaOf(await result)).toMatchObject({ attempts: 3, stoppedBy: 'max-attempts', outcome: 'unknown' });
    expect(failing.requests).toHaveLength(3);
    expect(new Set(failing.requests.map((r) => r.key)).size).toBe(1);
    expect(await journalKeys(storage)).toEqual([unquote(failing.requests[0]?.key)]);

    // "Try again", in this page or after a reload: the same input finds the pending key.
    const recovered = scriptedFetch(ok('bought', { 'idempotent-replayed': 'true' }));
    await expect(clientOn(storage, recovered.fetch).buy.mutate({ quantity: 1, sku: 'mug' })).resolves.toBe('bought');
    expect(recovered.requests.map((r) => r.key)).toEqual([failing.requests[0]?.key]);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('keeps the key when the deadline ends the retries of a 500', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch(fail(500, 'INTERNAL_SERVER_ERROR'));
    const result = settle(clientOn(storage, fetch, { retryDelay: 4000, deadlineMs: 10_000 }).buy.mutate(purchase));
    await vi.runAllTimersAsync();
    expect(requests.map((r) => r.at)).toEqual([0, 4000, 8000]);
    expect(metaOf(await result)).toMatchObject({ attempts: 3, stoppedBy: 'deadline', outcome: 'unknown' });
    expect(await journalKeys(storage)).toEqual([unquote(requests[0]?.key)]);
  });

  it('keeps the key when a custom retry declines a 500', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch(fail(500, 'INTERNAL_SERVER_ERROR'));
    const result = await settle(clientOn(storage, fetch, { retry: () => false }).buy.mutate(purchase));
    expect(requests).toHaveLength(1);
    expect(metaOf(result)).toMatchObject({ attempts: 1, stoppedBy: 'declined', outcome: 'unknown' });
    expect(await journalKeys(storage)).toEqual([unquote(requests[0]?.key)]);
  });

  it('does not retry a 500 the server marks retryable: false, but keeps its key', async () => {
    const storage = memoryStorage();
    const first = scriptedFetch(fail(500, 'INTERNAL_SERVER_ERROR', { retryable: false }));
    const result = settle(clientOn(storage, first.fetch).buy.mutate(purchase));
    await vi.runAllTimersAsync();
    expect(first.requests).toHaveLength(1);
    expect(metaOf(await result)).toMatchObject({ attempts: 1, stoppedBy: 'server-final', outcome: 'unknown' });
    expect(await journalKeys(storage)).toEqual([unquote(first.requests[0]?.key)]);

    const again = scriptedFetch(ok('bought'));
    await clientOn(storage, again.fetch).buy.mutate(purchase);
    expect(again.requests[0]?.key).toBe(first.requests[0]?.key);
  });
});

describe('a definitive answer forgets the key', () => {
  it.each<[string, Reply]>([
    ['402, a stored business error', fail(402, 'PAYMENT_DECLINED', { retryable: false })],
    ['422, stored', fail(422, 'OUT_OF_STOCK', { retryable: false })],
    ['412, stored', fail(412, 'CART_VERSION_STALE', { retryable: false })],
    ['409, not in progress', fail(409, 'VERSION_CONFLICT')],
    ['200', ok('bought')],
  ])('after %s, the same mutation again gets a new key', async (_, reply) => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch(reply);
    const client = clientOn(storage, fetch);
    const first = await settle(client.buy.mutate(purchase));
    if ('error' in first) expect(metaOf(first)).toMatchObject({ attempts: 1, outcome: 'known' });
    expect(await journalKeys(storage)).toEqual([]);

    await settle(client.buy.mutate(purchase));
    expect(requests).toHaveLength(2);
    expect(requests[1]?.key).not.toBe(requests[0]?.key);
  });

  it('forgets the key when a retried 500 ends in a stored 422', async () => {
    const storage = memoryStorage();
    // A stored answer: the server advertises how long it keeps the key (it withdraws the header
    // when it stored nothing), which a refusal before the idempotency layer never carries.
    const stored = { retryable: false, headers: { 'idempotency-expires': 'Wed, 01 Jan 2031 00:00:00 GMT' } };
    const { fetch, requests } = scriptedFetch(fail(500, 'INTERNAL_SERVER_ERROR'), fail(422, 'OUT_OF_STOCK', stored));
    const result = settle(clientOn(storage, fetch).buy.mutate(purchase));
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(2);
    expect(metaOf(await result)).toMatchObject({ attempts: 2, stoppedBy: 'client-error', outcome: 'known' });
    expect(await journalKeys(storage)).toEqual([]);
  });
});
