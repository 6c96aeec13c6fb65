import { createTRPCClient, splitLink } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import { memoryStorage } from './memoryStorage.js';
import { journalContents, journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote, clientWith } from './test-utils/testClient.js';

/** Adversarial review: a scope that changes mid-retry, and `abandon` racing a re-issue. */

const URL = 'http://api.test/trpc';
const cart = { sku: 'mug' };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('adversarial: the scope changes while a mutation waits to retry', () => {
  it('does not send alice’s pending purchase again once bob is signed in (a kiosk logout mid-retry)', async () => {
    let user = 'alice';
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE', { headers: { 'retry-after': '5' } }), ok('bought'));
    const { client, storage } = clientWith(fetch, { scope: () => user });

    const result = settle(client.buy.mutate(cart));
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(1); // alice's attempt failed with 503; the retry is 4 s away

    user = 'bob'; // alice logs out, bob logs in on the same kiosk
    await vi.advanceTimersByTimeAsync(10_000);

    // The retry would go out with bob's session cookie and alice's cart and key: the server
    // (keys scoped per user) sees a new key for bob and charges him for alice's order.
    expect(requests).toHaveLength(1);
    const { error } = (await result) as { error: unknown };
    expect(getIdempotencyMeta(error)).toMatchObject({ outcome: 'unknown' });
    expect(Object.values(await journalContents(storage)).flat()).toEqual([unquote(requests[0]?.key)]); // kept, in alice's scope
  });
});

describe('adversarial: abandon racing a re-issue of the same mutation', () => {
  it('does not remove a key that a re-issue took first, so its unknown outcome keeps the key', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'), fail(503, 'SERVICE_UNAVAILABLE'), ok('bought'));
    const { client, link, storage } = clientWith(fetch, { maxAttempts: 1 });

    await settle(client.buy.mutate(cart)); // unknown outcome: the key stays pending
    const key = unquote(requests[0]?.key)!;

    // The page resumes it (e.g. from usePendingOperations) while the user presses "abandon":
    const resumed = settle(client.buy.mutate(cart)); // takes `key` from the journal first
    const abandoned = await link.abandon(key); // the key is now held by an operation in flight
    await resumed;
    expect(unquote(requests[1]?.key)).toBe(key);

    // `abandon` promises `false` for a key an operation is sending; the resumed attempt's
    // outcome is unknown (503), so its key must stay for the next "Try again".
    expect(abandoned).toBe(false);
    expect(await journalKeys(storage)).toEqual([key]);
    await settle(client.buy.mutate(cart));
    expect(unquote(requests[2]?.key)).toBe(key);
  });
});

describe('adversarial: a link below that throws', () => {
  it('settles the mutation (and releases its key) when a splitLink condition below it throws', async () => {
    const { fetch } = scriptedFetch(ok('bought'));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const client = createTRPCClient<TestRouter>({
        links: [
          idempotencyLink({ storage: memoryStorage() }),
          splitLink({
            // an app bug: a context field that is not always set
            condition: (op) => (op.context['transport'] as { batch: boolean }).batch,
            true: idempotentHttpLink({ url: URL, fetch }),
            false: idempotentHttpLink({ url: URL, fetch }),
          }),
        ],
      });
      let outcome: 'pending' | 'settled' = 'pending';
      void client.buy.mutate(cart).then(
        () => (outcome = 'settled'),
        () => (outcome = 'settled'),
      );
      await vi.advanceTimersByTimeAsync(60_000);
      // Without idempotencyLink, tRPC rejects this call with the TypeError. With it, the throw
      // escapes into a detached promise, and the caller's promise never settles.
      expect({ outcome, unhandled: unhandled.length }).toEqual({ outcome: 'settled', unhandled: 0 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
