import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { JournalStorage } from './JournalStorage.js';
import { isJournalStorageError } from './JournalStorageError.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

/**
 * A storage that answered, then fails: the journal serves what it knows from memory, refuses what
 * it cannot know, and never reports a removal as done before the storage took it.
 */

function breakableStorage() {
  const inner = memoryStorage();
  const state = { down: false };
  const guard = () => {
    if (state.down) throw new Error('storage unavailable');
  };
  const storage: JournalStorage = {
    getItem: (name) => (guard(), inner.getItem(name)),
    setItem: (name, value) => (guard(), inner.setItem(name, value)),
    removeItem: (name) => (guard(), inner.removeItem(name)),
    keys: () => (guard(), inner.keys?.() ?? []),
  };
  return { storage, inner, state };
}


beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('journal storage outage after the storage answered', () => {
  function setup(...replies: Parameters<typeof scriptedFetch>) {
    const { storage, inner, state } = breakableStorage();
    const { fetch, requests } = scriptedFetch(...replies);
    const link = idempotencyLink<TestRouter>({ storage, maxAttempts: 1, onStorageError: () => {}, storageRecoveryMs: 10_000 });
    const client = createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch })] });
    return { client, link, inner, state, requests };
  }

  it('refuses, without sending, a mutation whose journal item it can read neither from memory nor from the storage', async () => {
    const { client, state, requests } = setup(ok('bought'));
    await client.buy.mutate({ sku: 'mug' }); // the storage answered: it may hold keys of this page
    state.down = true;
    const { error } = (await settle(client.buy.mutate({ sku: 'cup' }))) as { error: { cause?: unknown } };
    expect(isJournalStorageError(error.cause)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('rejects an abandon the storage did not take, and applies it once the storage recovers', async () => {
    const { client, link, inner, state, requests } = setup(fail(503, 'SERVICE_UNAVAILABLE'), ok('bought'));
    await settle(client.buy.mutate({ sku: 'mug' })); // unknown outcome: the key stays
    const key = unquote(requests[0]?.key)!;
    state.down = true;
    const abandoned = await settle(link.abandon(key));
    expect(isJournalStorageError((abandoned as { error: unknown }).error)).toBe(true);
    expect(await journalKeys(inner)).toEqual([key]); // not yet removed from the storage…
    state.down = false;

    await vi.advanceTimersByTimeAsync(10_000);
    await settle(link.pendingOperations()); // the first journal call after the cool-down recovers
    await vi.advanceTimersByTimeAsync(0);
    expect(await journalKeys(inner)).toEqual([]); // …but once it answers again
    await client.buy.mutate({ sku: 'mug' });
    expect(unquote(requests[1]?.key)).not.toBe(key);
  });
});
