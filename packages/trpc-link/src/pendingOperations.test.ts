import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttemptEvent } from './IdempotencyEvent.js';
import { idempotencyLink } from './idempotencyLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { JournalStorage } from './JournalStorage.js';
import { isJournalStorageError } from './JournalStorageError.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type Reply, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle } from './test-utils/testClient.js';

/**
 * The journal is the one place a pending key is kept: a page that reloads mid-purchase asks the
 * link what is pending (`pendingOperations`), sends it again with the same key, or gives up on it
 * (`abandon`) — no second journal in the app.
 */

const purchase = { sku: 'mug', quantity: 1 };
const summary = { total: 1200, lines: ['mug'] };

/** A client on `storage` whose requests get `replies` (a new page load: a new link on the same storage). */
function page(storage: JournalStorage, replies: Reply[], options: IdempotencyLinkOptions = {}) {
  const script = scriptedFetch(...replies);
  const link = idempotencyLink<TestRouter>({ storage, maxAttempts: 1, ...options });
  const client = createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch: script.fetch })] });
  return { client, link, requests: script.requests };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pendingOperations', () => {
  it('lists a resumable mutation whose outcome is unknown, with its input and data; sending it again reuses the key', async () => {
    const storage = memoryStorage();
    const first = page(storage, ['network-error']);
    await settle(first.client.buy.mutate(purchase, { context: { resumable: true, resumeData: summary } }));

    const reloaded = page(storage, [ok('bought')]);
    const pending = await reloaded.link.pendingOperations({ path: 'buy' });
    expect(pending).toEqual([{ key: first.requests[0]!.key!.slice(1, -1), path: 'buy', input: purchase, data: summary, createdAt: 1_000, expiresAt: 1_000 + 82_800_000 }]);

    await reloaded.client.buy.mutate(pending[0]!.input as typeof purchase, { context: { resumable: true, resumeData: pending[0]!.data } });
    expect(reloaded.requests[0]!.key).toBe(first.requests[0]!.key);
    expect(await reloaded.link.pendingOperations(), 'a 2xx settles it: nothing pending').toEqual([]);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('does not list mutations sent without `resumable` (their inputs stay out of storage), nor ones with a known outcome', async () => {
    const storage = memoryStorage();
    const { client, link } = page(storage, ['network-error', fail(402, 'PAYMENT_DECLINED')]);
    await settle(client.buy.mutate(purchase)); // unknown, not resumable
    await settle(client.buy.mutate('declined', { context: { resumable: true } })); // known
    expect(await link.pendingOperations()).toEqual([]);
    expect(await journalKeys(storage), 'the unknown outcome still holds its key').toHaveLength(1);
    expect(JSON.stringify(await storage.getItem((await storage.keys!())[0]!))).not.toContain('mug');
  });

  it('does not list an operation this client is sending right now', async () => {
    const storage = memoryStorage();
    const { client, link } = page(storage, ['hang']);
    const controller = new AbortController();
    const sending = settle(client.buy.mutate(purchase, { context: { resumable: true }, signal: controller.signal }));
    await vi.waitFor(async () => expect(await journalKeys(storage)).toHaveLength(1));
    expect(await link.pendingOperations()).toEqual([]);
    controller.abort();
    await sending;
    expect(await link.pendingOperations()).toHaveLength(1);
  });

  it('lists only the current scope’s operations', async () => {
    let user = 'alice';
    const storage = memoryStorage();
    const { client, link } = page(storage, ['network-error'], { scope: () => user });
    await settle(client.buy.mutate(purchase, { context: { resumable: true } }));
    expect(await link.pendingOperations()).toHaveLength(1);
    user = 'bob';
    expect(await link.pendingOperations()).toEqual([]);
    expect(await link.pendingOperations({ scope: undefined }), 'the unscoped journal is not alice’s').toEqual([]);
    expect(await link.pendingOperations({ scope: 'alice' })).toHaveLength(1);
  });

  it('rejects with a JournalStorageError on a storage that cannot list its items', async () => {
    const storage = memoryStorage();
    const { link } = page({ getItem: storage.getItem, setItem: storage.setItem, removeItem: storage.removeItem }, []);
    const error: unknown = await link.pendingOperations().catch((caught: unknown) => caught);
    expect(isJournalStorageError(error)).toBe(true);
  });
});

describe('abandon', () => {
  it('forgets a pending key: the same input is then a new operation with a new key', async () => {
    const storage = memoryStorage();
    const { client, link, requests } = page(storage, ['network-error', ok('bought')]);
    await settle(client.buy.mutate(purchase, { context: { resumable: true } }));
    const [pending] = await link.pendingOperations();
    expect(await link.abandon(pending!.key)).toBe(true);
    expect(await link.pendingOperations()).toEqual([]);
    await client.buy.mutate(purchase);
    expect(requests[1]!.key).not.toBe(requests[0]!.key);
  });

  it('finds a key left by an earlier page load, and refuses to drop one in flight', async () => {
    const storage = memoryStorage();
    const first = page(storage, ['network-error']);
    await settle(first.client.buy.mutate(purchase));
    const key = (await journalKeys(storage))[0]!;

    const reloaded = page(storage, ['hang']);
    const controller = new AbortController();
    const sending = settle(reloaded.client.buy.mutate(purchase, { signal: controller.signal }));
    await vi.waitFor(() => expect(reloaded.requests).toHaveLength(1));
    expect(await reloaded.link.abandon(key), 'in flight').toBe(false);
    controller.abort();
    await sending;
    expect(await reloaded.link.abandon(key)).toBe(true);
    expect(await reloaded.link.abandon(key), 'already gone').toBe(false);
    expect(await journalKeys(storage)).toEqual([]);
  });
});

describe('attempt events', () => {
  it('reports each attempt with its key, and whether the key came from the journal', async () => {
    const storage = memoryStorage();
    const events: AttemptEvent[] = [];
    const { client } = page(storage, [fail(503, 'UNAVAILABLE', { headers: { 'retry-after': '1' } }), 'network-error', ok('bought')], { maxAttempts: 2 });
    const first = settle(client.buy.mutate(purchase, { context: { onAttempt: (event: AttemptEvent) => events.push(event) } }));
    await vi.runAllTimersAsync();
    await first;
    await client.buy.mutate(purchase, { context: { onAttempt: (event: AttemptEvent) => events.push(event) } });
    const key = events[0]!.key;
    expect(events).toEqual([
      { type: 'attempt', key, path: 'buy', attempt: 1, maxAttempts: 2, resumed: false },
      { type: 'attempt', key, path: 'buy', attempt: 2, maxAttempts: 2, resumed: false },
      { type: 'attempt', key, path: 'buy', attempt: 1, maxAttempts: 2, resumed: true },
    ]);
  });
});
