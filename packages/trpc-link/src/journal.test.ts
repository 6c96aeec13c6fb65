import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { JOURNAL_PREFIX } from './internals/journalItems.js';
import type { JournalStorage } from './JournalStorage.js';
import { isJournalStorageError, type JournalStorageError } from './JournalStorageError.js';
import { memoryStorage } from './memoryStorage.js';
import { journalContents, journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

type Fetch = ReturnType<typeof scriptedFetch>['fetch'];

/** A client over `storage`; a new one on the same storage is what a page reload looks like. */
function clientOn(storage: JournalStorage, fetch: Fetch, options: IdempotencyLinkOptions = {}) {
  return createTRPCClient<TestRouter>({
    links: [
      idempotencyLink({ storage, retryDelay: 100, ...options }),
      httpLink({ url: 'http://api.test/trpc', fetch, headers: ({ op }) => idempotencyHeaders(op) }),
    ],
  });
}

const metaOf = (result: object) => ((result as { error?: unknown }).error as TRPCClientError<TestRouter>).meta?.['idempotency'] as IdempotencyErrorMeta;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('journal', () => {
  it('writes the key before the first send', async () => {
    const storage = memoryStorage();
    const atSend: string[][] = [];
    const { fetch: answer, requests } = scriptedFetch(ok('bought'));
    const fetch: Fetch = async (url, init) => {
      atSend.push(await journalKeys(storage));
      return answer(url, init);
    };
    await clientOn(storage, fetch).buy.mutate({ sku: 'mug' });
    expect(atSend).toEqual([[unquote(requests[0]?.key)]]);
  });

  it('reuses the key of a mutation whose outcome is unknown after a reload', async () => {
    const storage = memoryStorage();
    const before = scriptedFetch('hang'); // the page dies while the request is in flight
    void settle(clientOn(storage, before.fetch).buy.mutate({ sku: 'mug', quantity: 1 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(before.requests).toHaveLength(1);

    const after = scriptedFetch(ok('bought', { 'idempotent-replayed': 'true' }));
    const reloaded = clientOn(storage, after.fetch);
    await expect(reloaded.buy.mutate({ quantity: 1, sku: 'mug' })).resolves.toBe('bought'); // same input, keys in another order
    expect(after.requests.map((r) => r.key)).toEqual([before.requests[0]?.key]);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('reuses the key after retries were exhausted, once the network is back', async () => {
    const storage = memoryStorage();
    const offline = scriptedFetch('network-error');
    const result = settle(clientOn(storage, offline.fetch, { maxAttempts: 2 }).buy.mutate({ sku: 'mug' }));
    await vi.runAllTimersAsync();
    expect(metaOf(await result)).toMatchObject({ stoppedBy: 'max-attempts', outcome: 'unknown' });
    expect(await journalKeys(storage)).toEqual([unquote(offline.requests[0]?.key)]);

    const online = scriptedFetch(ok('bought'));
    await clientOn(storage, online.fetch).buy.mutate({ sku: 'mug' });
    expect(online.requests[0]?.key).toBe(offline.requests[0]?.key);
  });

  it('does not reuse a pending key for a different input', async () => {
    const storage = memoryStorage();
    const before = scriptedFetch('hang');
    void settle(clientOn(storage, before.fetch).buy.mutate({ sku: 'mug' }));
    await vi.advanceTimersByTimeAsync(0);
    const after = scriptedFetch(ok('bought'));
    await clientOn(storage, after.fetch).buy.mutate({ sku: 'cup' });
    expect(after.requests[0]?.key).not.toBe(before.requests[0]?.key);
  });

  it('clears the entry on success, so an identical second purchase gets a new key', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const client = clientOn(storage, fetch);
    await client.buy.mutate({ sku: 'mug' });
    expect(await journalKeys(storage)).toEqual([]);
    await client.buy.mutate({ sku: 'mug' });
    expect(requests).toHaveLength(2);
    expect(requests[0]?.key).not.toBe(requests[1]?.key);
  });

  it('clears the entry on a final error', async () => {
    const storage = memoryStorage();
    const { fetch } = scriptedFetch(fail(422, 'OUT_OF_STOCK', { retryable: false }));
    const result = await settle(clientOn(storage, fetch).buy.mutate({ sku: 'mug' }));
    expect(metaOf(result)).toMatchObject({ outcome: 'known' });
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('keeps the entry when the caller cancels the wait', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'));
    const abort = new AbortController();
    const result = settle(clientOn(storage, fetch, { retryDelay: 1000 }).buy.mutate({ sku: 'mug' }, { signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(10);
    abort.abort();
    await result;
    expect(await journalKeys(storage)).toEqual([unquote(requests[0]?.key)]);
  });

  it('gives two identical purchases in flight together two keys', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const client = clientOn(storage, fetch);
    await Promise.all([client.buy.mutate({ sku: 'mug' }), client.buy.mutate({ sku: 'mug' })]);
    expect(new Set(requests.map((r) => r.key)).size).toBe(2);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('does not reuse an entry older than journalTtlMs', async () => {
    const storage = memoryStorage();
    const before = scriptedFetch('hang');
    void settle(clientOn(storage, before.fetch).buy.mutate({ sku: 'mug' }));
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(23 * 3_600_000); // default TTL: 23 h
    const after = scriptedFetch(ok('bought'));
    await clientOn(storage, after.fetch).buy.mutate({ sku: 'mug' });
    expect(after.requests[0]?.key).not.toBe(before.requests[0]?.key);
  });

  it('sweeps expired entries of operations nobody re-issued', async () => {
    const storage = memoryStorage();
    await storage.setItem(`${JOURNAL_PREFIX}old.procedure#0`, JSON.stringify([{ key: 'stale', createdAt: 0, expiresAt: 1000 }]));
    await storage.setItem(`${JOURNAL_PREFIX}other.procedure#0`, JSON.stringify([{ key: 'fresh', createdAt: 0, expiresAt: 10_000 }]));
    await storage.setItem('unrelated', 'kept');
    vi.setSystemTime(5000);
    const { fetch } = scriptedFetch(ok('bought'));
    await clientOn(storage, fetch).buy.mutate({ sku: 'mug' });
    await vi.runAllTimersAsync();
    expect(await journalContents(storage)).toEqual({ 'other.procedure#0': ['fresh'] });
    expect(await storage.getItem('unrelated')).toBe('kept');
  });

  it('leaves a caller-supplied key out of the journal', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch('hang');
    void settle(clientOn(storage, fetch).buy.mutate({ sku: 'mug' }, { context: { idempotencyKey: 'mine' } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests.map((r) => r.key)).toEqual(['"mine"']);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('keys an input it cannot persist (a Map) without journaling it', async () => {
    const storage = memoryStorage();
    const { fetch, requests } = scriptedFetch('hang');
    void settle(clientOn(storage, fetch).buy.mutate(new Map([['sku', 'mug']]) as never));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests[0]?.key).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(await journalKeys(storage)).toEqual([]);
  });
});

describe('journal storage failures', () => {
  const quotaExceeded: JournalStorage = {
    getItem: () => null,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
    removeItem: () => {},
  };

  it('falls back to memory with one warning, and never fails the mutation', async () => {
    const onStorageError = vi.fn<(error: JournalStorageError) => void>();
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const client = clientOn(quotaExceeded, fetch, { onStorageError });
    await expect(client.buy.mutate({ sku: 'mug' })).resolves.toBe('bought');
    await expect(client.buy.mutate({ sku: 'cup' })).resolves.toBe('bought');
    expect(requests).toHaveLength(2);
    expect(onStorageError).toHaveBeenCalledTimes(1);
    const [error] = onStorageError.mock.calls[0] ?? [];
    expect(isJournalStorageError(error)).toBe(true);
    expect((error?.cause as DOMException).name).toBe('QuotaExceededError');
  });

  it('warns on the console by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { fetch } = scriptedFetch(ok('bought'));
    await clientOn(quotaExceeded, fetch).buy.mutate({ sku: 'mug' });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('still reuses keys within the session after falling back', async () => {
    const { fetch, requests } = scriptedFetch('network-error', ok('bought'));
    const client = clientOn(quotaExceeded, fetch, { maxAttempts: 1, onStorageError: () => {} });
    expect(metaOf(await settle(client.buy.mutate({ sku: 'mug' })))).toMatchObject({ outcome: 'unknown' });
    await client.buy.mutate({ sku: 'mug' });
    expect(requests[1]?.key).toBe(requests[0]?.key);
  });

  it('treats a storage that never answers as failed after 2 s', async () => {
    const hanging: JournalStorage = { getItem: () => new Promise(() => {}), setItem: () => new Promise(() => {}), removeItem: () => {} };
    const onStorageError = vi.fn();
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const result = settle(clientOn(hanging, fetch, { onStorageError }).buy.mutate({ sku: 'mug' }));
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ value: 'bought' });
    expect(onStorageError).toHaveBeenCalledTimes(1);
  });
});
