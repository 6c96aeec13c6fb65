import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getIdempotencyResultMeta } from './getIdempotencyMeta.js';
import type { SettledEvent } from './IdempotencyEvent.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import { memoryStorage } from './memoryStorage.js';
import { ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

// Like stripe-node's `lastResponse.idempotencyKey`: an app can show or log the key a successful
// mutation used.

const URL = 'http://api.test/trpc';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the key used on success', () => {
  it('is on the result envelope for links above, with attempts and replay', async () => {
    const { fetch, requests } = scriptedFetch('network-error', ok('bought', { 'idempotent-replayed': 'true' }));
    const envelopes: unknown[] = [];
    const above: TRPCLink<TestRouter> = () => ({ op, next }) =>
      observable((observer) => next(op).subscribe({ next: (envelope) => (envelopes.push(envelope), observer.next(envelope)), error: (e) => observer.error(e), complete: () => observer.complete() }));
    const client = createTRPCClient<TestRouter>({
      links: [above, idempotencyLink({ storage: memoryStorage(), retryDelay: 100 }), idempotentHttpLink({ url: URL, fetch })],
    });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(getIdempotencyResultMeta(envelopes[0])).toEqual({ key: unquote(requests[0]?.key), attempts: 2, replayed: true });
    expect((envelopes[0] as { context: { response?: unknown } }).context.response).toBeDefined(); // tRPC's own context kept
  });

  it('reaches the caller through onSettled, per operation and link-wide', async () => {
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const linkWide = vi.fn<(event: SettledEvent) => void>();
    const perCall = vi.fn<(event: SettledEvent) => void>();
    await createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage(), onSettled: linkWide }), idempotentHttpLink({ url: URL, fetch })] }).buy.mutate('a', { context: { onSettled: perCall } });
    const expected = { type: 'settled', key: unquote(requests[0]?.key), path: 'buy', attempts: 1, outcome: 'success', replayed: false };
    expect(linkWide.mock.calls).toEqual([[expected]]);
    expect(perCall.mock.calls).toEqual([[expected]]);
  });
});
