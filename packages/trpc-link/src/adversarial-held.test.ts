import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpBatchLink } from './idempotentHttpBatchLink.js';
import type { JournalStorage } from './JournalStorage.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote, clientWith } from './test-utils/testClient.js';

/** Adversarial review: attacks the link withstood, kept as regression tests. */

const URL = 'http://api.test/trpc';
const cart = { sku: 'mug' };

/** An async storage whose every call answers after `delayMs` of (fake) time. */
function slowStorage(delayMs: number): JournalStorage {
  const inner = memoryStorage();
  const later = <T>(use: () => T | Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(use()), delayMs));
  return {
    getItem: (name) => later(() => inner.getItem(name)),
    setItem: (name, value) => later(() => inner.setItem(name, value)),
    removeItem: (name) => later(() => inner.removeItem(name)),
    keys: () => later(() => inner.keys?.() ?? []),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('adversarial (held): Retry-After edge cases', () => {
  it('retries at once, with the same key, on a Retry-After date in the past', async () => {
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE', { headers: { 'retry-after': 'Fri, 31 Dec 1999 23:59:59 GMT' } }), ok('bought'));
    const result = settle(clientWith(fetch).client.buy.mutate(cart));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests.map((r) => r.at - Date.UTC(2030, 0, 1))).toEqual([0, 0]);
    expect(requests[1]?.key).toBe(requests[0]?.key);
  });

  for (const garbage of ['soon', '-5', '1.5', '', '99 bottles']) {
    it(`falls back to the jittered backoff on an unreadable Retry-After (${JSON.stringify(garbage)})`, async () => {
      const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE', { headers: { 'retry-after': garbage } }), ok('bought'));
      const result = settle(clientWith(fetch).client.buy.mutate(cart));
      await vi.runAllTimersAsync();
      expect(await result).toEqual({ value: 'bought' });
      expect(requests.map((r) => r.at)).toEqual([0, 375]); // backoff with random 0.5
    });
  }

  it('caps a huge Retry-After at maxRetryAfterMs, and the deadline still ends it', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE', { headers: { 'retry-after': '99999999999999999999' } }));
    const result = settle(clientWith(fetch, { maxRetryAfterMs: 30_000, deadlineMs: 60_000 }).client.buy.mutate(cart));
    await vi.runAllTimersAsync();
    const { error } = (await result) as { error: unknown };
    expect(requests.map((r) => r.at)).toEqual([0, 30_000, 60_000]);
    expect(getIdempotencyMeta(error)).toMatchObject({ stoppedBy: 'deadline', outcome: 'unknown' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('adversarial (held): a server that answers 409 in-progress forever', () => {
  it('stops after maxAttempts with the outcome unknown, keeps the key, and a re-issue reuses it', async () => {
    const inProgress = fail(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', { retryable: true, headers: { 'retry-after': '1' } });
    const { fetch, requests } = scriptedFetch(inProgress);
    const { client, storage } = clientWith(fetch, { maxAttempts: 4 });
    const result = settle(client.buy.mutate(cart));
    await vi.runAllTimersAsync();
    const key = unquote(requests[0]?.key);
    expect(requests.map((r) => r.at)).toEqual([0, 1000, 2000, 3000]);
    expect(getIdempotencyMeta(((await result) as { error: unknown }).error)).toMatchObject({ key, stoppedBy: 'max-attempts', outcome: 'unknown' });
    expect(await journalKeys(storage)).toEqual([key]);
    const again = settle(client.buy.mutate(cart));
    await vi.runAllTimersAsync();
    await again;
    expect(unquote(requests[4]?.key)).toBe(key);
  });
});

describe('adversarial (held): batches', () => {
  it('on a 207 batch, forgets the key that succeeded and retries only the 500 with its own key', async () => {
    const mixed = { status: 207, body: [{ result: { data: 'a' } }, { error: { message: 'boom', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } }] };
    const { fetch, requests } = scriptedFetch(mixed, { status: 200, body: [{ result: { data: 'b' } }] });
    const storage = memoryStorage();
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage, random: () => 0.5 }), idempotentHttpBatchLink({ url: URL, fetch })] });
    const both = settle(Promise.all([client.buy.mutate('a'), client.buy.mutate('b')]));
    await vi.runAllTimersAsync();
    expect(await both).toEqual({ value: ['a', 'b'] });
    const [keyA, keyB] = requests[0]!.key!.split(', ');
    expect(keyA).not.toBe(keyB);
    expect(requests[1]?.key).toBe(keyB);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('gives two identical mutations batched together two keys', async () => {
    const { fetch, requests } = scriptedFetch({ status: 200, body: [{ result: { data: 'x' } }, { result: { data: 'x' } }] });
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage() }), idempotentHttpBatchLink({ url: URL, fetch })] });
    const both = settle(Promise.all([client.buy.mutate(cart), client.buy.mutate(cart)]));
    await vi.runAllTimersAsync();
    expect(await both).toEqual({ value: ['x', 'x'] });
    const [first, second] = requests[0]!.key!.split(', ');
    expect(first).not.toBe(second);
  });
});

describe('adversarial (held): cancelling before the first send', () => {
  it('sends nothing when the signal aborts during the journal write, and says the outcome is unknown', async () => {
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const abort = new AbortController();
    const result = settle(clientWith(fetch, { storage: slowStorage(100) }).client.buy.mutate(cart, { signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(50);
    abort.abort();
    await vi.advanceTimersByTimeAsync(1000);
    const { error } = (await result) as { error: unknown };
    expect(requests).toHaveLength(0);
    expect(getIdempotencyMeta(error)).toMatchObject({ stoppedBy: 'aborted', outcome: 'unknown' });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('adversarial (held): resumable entries after the TTL', () => {
  it('no longer lists an expired entry, and a re-issue after the TTL gets a new key', async () => {
    const { fetch, requests } = scriptedFetch('network-error');
    const { client, link } = clientWith(fetch, { maxAttempts: 1, journalTtlMs: 1000 });
    await settle(client.buy.mutate(cart, { context: { resumable: true } }));
    expect((await link.pendingOperations()).map((p) => p.key)).toEqual([unquote(requests[0]?.key)]);
    vi.setSystemTime(1000);
    expect(await link.pendingOperations()).toEqual([]);
    await settle(client.buy.mutate(cart));
    expect(requests[1]?.key).not.toBe(requests[0]?.key);
  });
});
