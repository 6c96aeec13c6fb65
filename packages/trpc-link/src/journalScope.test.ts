import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearJournal } from './clearJournal.js';
import { idempotencyLink } from './idempotencyLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { JournalStorage } from './JournalStorage.js';
import { isJournalStorageError } from './JournalStorageError.js';
import { memoryStorage } from './memoryStorage.js';
import { journalContents, journalKeys } from './test-utils/journalContents.js';
import { ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

/**
 * One client, several users (a kiosk after logout, a server-side client): the journal keyed
 * pending operations by path + input only, so user B re-issuing user A's pending input got A's
 * key — and the server replayed A's order to B. A scope keeps each user's pending keys apart.
 */

const purchase = { sku: 'mug', quantity: 1 };

/** A shared client whose requests all go to `fetch` (swap the script with `reply`). */
function sharedClient(storage: JournalStorage, options: IdempotencyLinkOptions = {}) {
  let script = scriptedFetch('network-error');
  const keys: (string | null)[] = [];
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    keys.push(new Headers(init?.headers as HeadersInit).get('idempotency-key'));
    return script.fetch(input, init);
  };
  const link = idempotencyLink<TestRouter>({ storage, maxAttempts: 1, ...options });
  const client = createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch })] });
  return { client, link, keys, reply: (next: ReturnType<typeof scriptedFetch>) => (script = next) };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('journal scope', () => {
  it('without a scope, a second user re-issuing the same input gets the first user’s pending key (the hole)', async () => {
    const { client, keys } = sharedClient(memoryStorage());
    await settle(client.buy.mutate(purchase)); // alice: lost response, outcome unknown
    await settle(client.buy.mutate(purchase)); // bob, same input
    expect(keys[1]).toBe(keys[0]);
  });

  it('keeps each user’s pending keys apart, and hands each user back their own', async () => {
    let user = 'alice';
    const storage = memoryStorage();
    const { client, keys, reply } = sharedClient(storage, { scope: () => user });
    await settle(client.buy.mutate(purchase)); // alice: unknown outcome, key kept
    user = 'bob';
    await settle(client.buy.mutate(purchase)); // bob: the same input, a key of his own
    expect(keys[1]).not.toBe(keys[0]);
    expect(await journalKeys(storage)).toHaveLength(2);

    user = 'alice';
    reply(scriptedFetch(ok('bought', { 'idempotent-replayed': 'true' })));
    await expect(client.buy.mutate(purchase)).resolves.toBe('bought');
    expect(keys[2]).toBe(keys[0]); // alice's "try again" resumes her own first attempt
    expect(await journalKeys(storage)).toEqual([unquote(keys[1])]); // bob's still pending
  });

  it('never writes the scope itself into storage', async () => {
    const storage = memoryStorage();
    const { client } = sharedClient(storage, { scope: 'alice@example.com' });
    await settle(client.buy.mutate(purchase));
    const names = Object.keys(await journalContents(storage));
    expect(names).toHaveLength(1);
    expect(names[0]).not.toContain('alice');
  });

  it('fails the mutation, before any send, when the scope function throws', async () => {
    const { client, keys } = sharedClient(memoryStorage(), {
      scope: () => {
        throw new Error('no session');
      },
    });
    const result = await settle(client.buy.mutate(purchase));
    expect(String((result as { error: unknown }).error)).toContain('no session');
    expect(keys).toHaveLength(0);
  });
});

describe('clearing the journal', () => {
  async function twoUsersPending(storage: JournalStorage) {
    let user = 'alice';
    const shared = sharedClient(storage, { scope: () => user });
    await settle(shared.client.buy.mutate(purchase));
    user = 'bob';
    await settle(shared.client.buy.mutate(purchase));
    expect(await journalKeys(storage)).toHaveLength(2);
    return { ...shared, setUser: (next: string) => (user = next) };
  }

  it('link.clearJournal(scope) drops one user’s pending keys: on logout, their next purchase gets a new key', async () => {
    const storage = memoryStorage();
    const { link, client, keys, setUser } = await twoUsersPending(storage);
    await expect(link.clearJournal('alice')).resolves.toBe(1);
    expect(await journalKeys(storage)).toEqual([unquote(keys[1])]);
    setUser('alice');
    await settle(client.buy.mutate(purchase));
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('link.clearJournal() drops every user’s', async () => {
    const storage = memoryStorage();
    const { link } = await twoUsersPending(storage);
    storage.setItem('app:theme', 'dark'); // not the journal's: left alone
    await expect(link.clearJournal()).resolves.toBe(2);
    expect(await journalKeys(storage)).toEqual([]);
    expect(storage.getItem('app:theme')).toBe('dark');
  });

  it('clearJournal(storage, { scope }) works without a client, e.g. on a logout page', async () => {
    const storage = memoryStorage();
    const { keys } = await twoUsersPending(storage);
    await expect(clearJournal(storage, { scope: 'bob' })).resolves.toBe(1);
    expect(await journalKeys(storage)).toEqual([unquote(keys[0])]);
  });

  it('refuses loudly on a storage that cannot list its items', async () => {
    const unlistable: JournalStorage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
    const failure = await clearJournal(unlistable).catch((error: unknown) => error);
    expect(isJournalStorageError(failure)).toBe(true);
    const link = idempotencyLink({ storage: unlistable });
    expect(isJournalStorageError(await link.clearJournal().catch((error: unknown) => error))).toBe(true);
  });
});
