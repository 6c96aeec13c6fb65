import { createTRPCClient } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpBatchLink } from './idempotentHttpBatchLink.js';
import { isInvalidIdempotencyKeyError } from './InvalidIdempotencyKeyError.js';
import { memoryStorage } from './memoryStorage.js';
import { journalKeys } from './test-utils/journalContents.js';
import { fail, ok, scriptedFetch, type Reply, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote, clientWith } from './test-utils/testClient.js';

/**
 * Adversarial review: how an operation's outcome is decided over several attempts, and what a
 * caller-supplied key may be.
 */

const URL = 'http://api.test/trpc';
const cart = { sku: 'mug' };

/** A batch response of one operation (httpBatchLink expects an array body). */
function batchFail(status: number, code: string): Reply {
  return { status, body: [{ error: { message: code, code: -32000, data: { code, httpStatus: status } } }] };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('adversarial: the outcome of an operation over several attempts', () => {
  for (const [status, code] of [
    [401, 'UNAUTHORIZED'], // the session expired while the link waited to retry
    [404, 'NOT_FOUND'], // a rolling deploy: the retry hit an instance without the route
    [403, 'FORBIDDEN'], // a CSRF token rotated between attempts
  ] as const) {
    it(`keeps the key when a retry after a 504 is refused with ${status} (the first attempt may have charged)`, async () => {
      const { fetch, requests } = scriptedFetch(fail(504, 'GATEWAY_TIMEOUT'), fail(status, code), ok('bought'));
      const { client, storage } = clientWith(fetch);

      const first = settle(client.buy.mutate(cart));
      await vi.runAllTimersAsync();
      const { error } = (await first) as { error: unknown };
      expect(requests).toHaveLength(2);
      const key = unquote(requests[0]?.key);

      // The 504 left the charge unknown; the refusal of the retry says nothing about it (the
      // server rejected that request before looking at the key). The key must stay.
      expect(getIdempotencyMeta(error)).toMatchObject({ key, attempts: 2, outcome: 'unknown' });
      expect(await journalKeys(storage)).toEqual([key]);

      // The user signs in again and presses "Try again": the same key, so the server replays.
      await settle(client.buy.mutate(cart));
      expect(unquote(requests[2]?.key)).toBe(key);
    });
  }
});

describe('adversarial: caller-supplied keys', () => {
  it('never retries a batched mutation whose caller key is empty (the batch header reads "" as "no key")', async () => {
    const { fetch, requests } = scriptedFetch(batchFail(503, 'SERVICE_UNAVAILABLE'), { status: 200, body: [{ result: { data: 'bought' } }] });
    const client = createTRPCClient<TestRouter>({
      links: [idempotencyLink({ storage: memoryStorage(), random: () => 0.5 }), idempotentHttpBatchLink({ url: URL, fetch })],
    });
    // e.g. `context: { idempotencyKey: draft.key ?? '' }` from a form state initialised to ''
    const result = settle(client.buy.mutate(cart, { context: { idempotencyKey: '' } }));
    await vi.runAllTimersAsync();
    const { error } = (await result) as { error: { cause?: unknown } };
    // README: `""` is "an operation without a key"; a second send of a keyless mutation is a
    // second, unguarded execution. (Fixed by refusing the blank key before the first send, so
    // the review's original `requests[0].key === '""'` no longer holds: nothing is sent.)
    expect(isInvalidIdempotencyKeyError(error.cause)).toBe(true);
    expect(requests.length).toBeLessThan(2);
    expect(requests).toHaveLength(0);
  });
});
