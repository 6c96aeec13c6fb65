import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdempotencyMonitor } from './createIdempotencyMonitor.js';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { JournalStorage } from './JournalStorage.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

/**
 * Adversarial review: what the journal does with keys that were written to the persistent storage
 * BEFORE it fell back to memory. In memory mode every read, forget, abandon and clear goes to the
 * (empty) memory only; the persistent storage still holds the keys and gets them back on recovery.
 */

/** A synchronous storage (like localStorage) that can be made to throw: on writes only (quota), or on everything. */
function switchableStorage() {
  const inner = memoryStorage();
  const state = { quotaFull: false, down: false };
  const guard = (write: boolean) => {
    if (state.down) throw new Error('storage unavailable');
    if (write && state.quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  const storage: JournalStorage = {
    getItem: (name) => (guard(false), inner.getItem(name)),
    setItem: (name, value) => (guard(true), inner.setItem(name, value)),
    removeItem: (name) => (guard(true), inner.removeItem(name)),
    keys: () => (guard(false), inner.keys?.() ?? []),
  };
  return { storage, inner, state };
}

function clientOn(storage: JournalStorage, fetch: ReturnType<typeof scriptedFetch>['fetch'], options: IdempotencyLinkOptions = {}) {
  const link = idempotencyLink<TestRouter>({ storage, maxAttempts: 1, onStorageError: () => {}, storageRecoveryMs: 10_000, ...options });
  return { link, client: createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch })] }) };
}

const cart = { sku: 'mug' };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('adversarial: keys written before a storage outage', () => {
  it('re-issues an unknown outcome with its key even after another write hit the quota (no second charge)', async () => {
    const { storage, inner, state } = switchableStorage();
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'), ok('other'), ok('bought'));
    const { client } = clientOn(storage, fetch);

    const first = await settle(client.buy.mutate(cart)); // 503: the charge may have committed
    expect(getIdempotencyMeta((first as { error: unknown }).error)).toMatchObject({ outcome: 'unknown' });
    const pending = unquote(requests[0]?.key);
    expect(await journalKeys(inner)).toEqual([pending]); // persisted, as promised

    state.quotaFull = true; // an unrelated write does not fit: the journal moves to memory
    await settle(client.buy.mutate('something else'));

    // "Try again" on the same page, seconds later: the pending key is right there in storage
    // (reads still work), so the server must get the same key and replay, not charge again.
    await settle(client.buy.mutate(cart));
    expect(unquote(requests[2]?.key)).toBe(pending);
  });

  it('does not hand a settled purchase’s key to the next identical purchase after the storage recovers', async () => {
    const { storage, inner, state } = switchableStorage();
    const script = scriptedFetch(ok('bought'));
    let sends = 0;
    // the storage fails while the first purchase is on the wire: its key was written, its forget is not
    const fetch: typeof script.fetch = (input, init) => {
      if (++sends === 1) state.down = true;
      return script.fetch(input, init);
    };
    const monitor = createIdempotencyMonitor();
    const { client } = clientOn(storage, fetch, { monitor });

    expect(await settle(client.buy.mutate(cart))).toEqual({ value: 'bought' }); // a definitive success
    const settledKey = unquote(script.requests[0]?.key);
    state.down = false;

    await vi.advanceTimersByTimeAsync(10_000);
    await settle(client.buy.mutate('unrelated')); // the first journal call after the cool-down starts the recovery
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.getStorageState().mode).toBe('persistent');

    // A second, intentional purchase of the same cart is a new operation: it needs a new key, or the
    // server replays the first order and the customer's second order silently never happens.
    await settle(client.buy.mutate(cart));
    expect(unquote(script.requests[2]?.key)).not.toBe(settledKey);
    expect(await journalKeys(inner)).not.toContain(settledKey);
  });

  it('clearJournal during an outage either clears the persistent storage or rejects — never resolves with the keys still there', async () => {
    const { storage, inner, state } = switchableStorage();
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'), ok('bought'));
    const { client, link } = clientOn(storage, fetch); // unscoped: the app clears on logout instead

    await settle(client.buy.mutate(cart)); // alice: unknown outcome, key persisted
    const alicesKey = unquote(requests[0]?.key);

    state.down = true; // the storage hiccups during logout
    const cleared = await settle(link.clearJournal());
    state.down = false;
    const stillStored = (await journalKeys(inner)).includes(alicesKey!);
    expect.soft({ rejected: 'error' in cleared, stillStored }).not.toEqual({ rejected: false, stillStored: true });

    // the consequence: after the recovery, bob's identical cart is sent with alice's key
    await vi.advanceTimersByTimeAsync(10_000);
    await settle(link.pendingOperations()); // a journal call that starts the recovery
    await vi.advanceTimersByTimeAsync(0);
    await settle(client.buy.mutate(cart));
    expect(unquote(requests.at(-1)?.key)).not.toBe(alicesKey);
  });
});
