import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdempotencyMonitor } from './createIdempotencyMonitor.js';
import { idempotencyLink } from './idempotencyLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { JournalStorage } from './JournalStorage.js';
import { isJournalStorageError } from './JournalStorageError.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { ok, scriptedFetch, type Reply, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

/**
 * One slow storage call used to move the journal to memory for the life of the client: every
 * later reload lost its pending keys. Now the storage is tried again after a cool-down, what was
 * kept in memory is written back, and the monitor shows which mode the journal is in.
 */

/** An async storage (like IndexedDB) that never answers while `down`. */
function flakyStorage() {
  const inner = memoryStorage();
  const state = { down: true };
  const guard = <T>(use: () => T | Promise<T>): Promise<T> => (state.down ? new Promise<T>(() => {}) : Promise.resolve(use()));
  const storage: JournalStorage = {
    getItem: (name) => guard(() => inner.getItem(name)),
    setItem: (name, value) => guard(() => inner.setItem(name, value)),
    removeItem: (name) => guard(() => inner.removeItem(name)),
    keys: () => guard(() => inner.keys?.() ?? []),
  };
  return { storage, inner, state };
}

function clientOn(storage: JournalStorage, replies: Reply[], options: IdempotencyLinkOptions = {}) {
  const script = scriptedFetch(...replies);
  const link = idempotencyLink<TestRouter>({ storage, maxAttempts: 1, onStorageError: () => {}, ...options });
  return { ...script, client: createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch: script.fetch })] }) };
}

const purchase = { sku: 'mug' };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('journal storage recovery', () => {
  it('gives up on a storage slower than storageTimeoutMs, and says so on the monitor', async () => {
    const { storage } = flakyStorage();
    const monitor = createIdempotencyMonitor();
    const onStorageError = vi.fn();
    const { client, requests } = clientOn(storage, [ok('bought')], { storageTimeoutMs: 500, storageRecoveryMs: 10_000, monitor, onStorageError });
    expect(monitor.getStorageState()).toEqual({ mode: 'persistent' });
    const result = settle(client.buy.mutate(purchase));
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ value: 'bought' });
    expect(requests.map((r) => r.at)).toEqual([500]);
    expect(onStorageError).toHaveBeenCalledTimes(1);
    expect(monitor.getStorageState()).toMatchObject({ mode: 'memory', at: 500, retryAt: 10_500 });
    expect(isJournalStorageError(monitor.getStorageState().error)).toBe(true);
  });

  it('tries the storage again after the cool-down, writes back the keys kept in memory, and a reload finds them', async () => {
    const { storage, inner, state } = flakyStorage();
    const monitor = createIdempotencyMonitor();
    const listener = vi.fn();
    monitor.subscribe(listener);
    const page = clientOn(storage, ['network-error', ok('other')], { storageTimeoutMs: 500, storageRecoveryMs: 10_000, monitor });
    await vi.advanceTimersByTimeAsync(0);
    const lost = settle(page.client.buy.mutate(purchase)); // outcome unknown: key kept, in memory
    await vi.advanceTimersByTimeAsync(500);
    await lost;
    const key = unquote(page.requests[0]?.key);
    expect(monitor.getStorageState().mode).toBe('memory');

    state.down = false; // the storage is back, but the cool-down has not passed
    await vi.advanceTimersByTimeAsync(5_000);
    await page.client.buy.mutate({ sku: 'cup' });
    expect(monitor.getStorageState().mode).toBe('memory');
    expect(await journalKeys(inner)).toEqual([]);

    await vi.advanceTimersByTimeAsync(5_000); // now past failure + 10 s
    await page.client.buy.mutate({ sku: 'plate' }); // served at once; the probe runs behind it
    expect(page.requests.at(-1)?.at).toBe(Date.now());
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.getStorageState()).toEqual({ mode: 'persistent', at: Date.now() });
    expect(await journalKeys(inner)).toEqual([key]);
    expect(listener).toHaveBeenCalledTimes(2); // memory, then persistent

    // A reload: a new client on the same storage re-issues the purchase with the kept key.
    const reloaded = clientOn(storage, [ok('bought', { 'idempotent-replayed': 'true' })]);
    await expect(reloaded.client.buy.mutate(purchase)).resolves.toBe('bought');
    expect(unquote(reloaded.requests[0]?.key)).toBe(key);
  });

  it('stays in memory when the storage is still down, without delaying mutations, and tries again later', async () => {
    const { storage, inner, state } = flakyStorage();
    const monitor = createIdempotencyMonitor();
    const onStorageError = vi.fn();
    const page = clientOn(storage, ['network-error', ok('bought')], { storageTimeoutMs: 500, storageRecoveryMs: 10_000, monitor, onStorageError });
    const first = settle(page.client.buy.mutate(purchase)); // outcome unknown: its key kept in memory
    await vi.advanceTimersByTimeAsync(500);
    await first;

    await vi.advanceTimersByTimeAsync(10_000);
    const start = Date.now();
    await page.client.buy.mutate({ sku: 'cup' }); // triggers a probe, which hangs
    expect(page.requests.at(-1)?.at).toBe(start);
    await vi.advanceTimersByTimeAsync(500);
    expect(monitor.getStorageState().mode).toBe('memory');
    expect(onStorageError).toHaveBeenCalledTimes(1); // one report per outage, not per probe

    state.down = false;
    await vi.advanceTimersByTimeAsync(10_000);
    const other = clientOn(storage, ['network-error']); // another client (tab), on the healthy storage
    await settle(other.client.buy.mutate(purchase));
    await page.client.buy.mutate({ sku: 'plate' });
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.getStorageState().mode).toBe('persistent');
    // merged, not overwritten: the other client's pending key and the one kept in memory
    expect((await journalKeys(inner)).sort()).toEqual([unquote(page.requests[0]?.key), unquote(other.requests[0]?.key)].sort());
  });
});
