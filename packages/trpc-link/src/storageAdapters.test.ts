import { createTRPCClient, httpLink } from '@trpc/client';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { idempotencyLink } from './idempotencyLink.js';
import { indexedDBStorage } from './indexedDBStorage.js';
import type { JournalStorage } from './JournalStorage.js';
import type { JournalStorageError } from './JournalStorageError.js';
import { memoryStorage } from './memoryStorage.js';
import { FakeWebStorage } from './test-utils/FakeWebStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { webStorage } from './webStorage.js';

// Real timers here: fake-indexeddb schedules its work with setImmediate.

function clientOn(storage: JournalStorage, fetch: ReturnType<typeof scriptedFetch>['fetch'], onStorageError?: (error: JournalStorageError) => void) {
  return createTRPCClient<TestRouter>({
    links: [idempotencyLink({ storage, onStorageError }), httpLink({ url: 'http://api.test/trpc', fetch, headers: ({ op }) => idempotencyHeaders(op) })],
  });
}

/** The round trip every adapter must make, async or not. */
async function roundTrip(storage: JournalStorage) {
  expect(await storage.getItem('a')).toBeNull();
  await storage.setItem('a', '1');
  await storage.setItem('b', '2');
  await storage.setItem('a', '3');
  expect(await storage.getItem('a')).toBe('3');
  expect([...((await storage.keys?.()) ?? [])].sort()).toEqual(['a', 'b']);
  await storage.removeItem('a');
  expect(await storage.getItem('a')).toBeNull();
  expect(await storage.keys?.()).toEqual(['b']);
}

/**
 * A reload: the first page's request never answers and the page goes away; a second client on a
 * new adapter over the same underlying store issues the same mutation.
 */
async function expectReuseAcrossReload(makeStorage: () => JournalStorage) {
  const before = scriptedFetch('hang');
  let sent: () => void = () => {};
  const sending = new Promise<void>((resolve) => (sent = resolve));
  const fetch: typeof before.fetch = (url, init) => (sent(), before.fetch(url, init));
  void clientOn(makeStorage(), fetch).buy.mutate({ sku: 'mug' }).catch(() => {});
  await sending;
  const after = scriptedFetch(ok('bought'));
  const storage = makeStorage();
  await expect(clientOn(storage, after.fetch).buy.mutate({ sku: 'mug' })).resolves.toBe('bought');
  expect(after.requests[0]?.key).toBe(before.requests[0]?.key);
  expect(await journalKeys(storage)).toEqual([]);
}

describe('memoryStorage', () => {
  it('stores, lists and removes items', () => roundTrip(memoryStorage()));
});

describe('webStorage', () => {
  it('stores, lists and removes items', () => roundTrip(webStorage(new FakeWebStorage())));

  it('keeps pending keys across a reload', async () => {
    const local = new FakeWebStorage();
    await expectReuseAcrossReload(() => webStorage(local));
  });

  it('falls back to memory when the storage is full', async () => {
    const onStorageError = vi.fn();
    const { fetch, requests } = scriptedFetch(ok('bought'));
    await expect(clientOn(webStorage(new FakeWebStorage(10)), fetch, onStorageError).buy.mutate({ sku: 'mug' })).resolves.toBe('bought');
    expect(requests).toHaveLength(1);
    expect(onStorageError).toHaveBeenCalledTimes(1);
  });

  it('falls back to memory where there is no localStorage (Node)', async () => {
    expect(globalThis.localStorage).toBeUndefined();
    const onStorageError = vi.fn();
    const { fetch } = scriptedFetch(ok('bought'));
    await expect(clientOn(webStorage(), fetch, onStorageError).buy.mutate({ sku: 'mug' })).resolves.toBe('bought');
    expect(onStorageError).toHaveBeenCalledTimes(1);
  });
});

describe('indexedDBStorage', () => {
  it('stores, lists and removes items', () => roundTrip(indexedDBStorage({ indexedDB: new IDBFactory() })));

  it('keeps items for a new adapter on the same database', async () => {
    const indexedDB = new IDBFactory();
    await indexedDBStorage({ indexedDB }).setItem('a', '1');
    expect(await indexedDBStorage({ indexedDB }).getItem('a')).toBe('1');
    expect(await indexedDBStorage({ indexedDB, databaseName: 'other' }).getItem('a')).toBeNull();
  });

  it('keeps pending keys across a reload', async () => {
    const indexedDB = new IDBFactory();
    await expectReuseAcrossReload(() => indexedDBStorage({ indexedDB }));
  });

  it('rejects where IndexedDB is unavailable, and the link falls back to memory', async () => {
    await expect(indexedDBStorage().getItem('a')).rejects.toThrow(/IndexedDB is not available/);
    const onStorageError = vi.fn();
    const { fetch } = scriptedFetch(ok('bought'));
    await expect(clientOn(indexedDBStorage(), fetch, onStorageError).buy.mutate({ sku: 'mug' })).resolves.toBe('bought');
    expect(onStorageError).toHaveBeenCalledTimes(1);
  });
});
