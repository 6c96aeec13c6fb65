// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idempotencyLink } from '../idempotencyLink.js';
import type { IdempotencyLinkOptions } from '../IdempotencyLinkOptions.js';
import { idempotentHttpLink } from '../idempotentHttpLink.js';
import { memoryStorage } from '../memoryStorage.js';
import { journalKeys } from '../test-utils/journalContents.js';
import { fail, ok, type TestRouter } from '../test-utils/scriptedFetch.js';
import { heldFetch } from './test-utils/heldFetch.js';
import { useIdempotentMutation } from './useIdempotentMutation.js';
import { usePendingOperations } from './usePendingOperations.js';
import { unquote } from '../test-utils/testClient.js';

/**
 * The React face, driven through a real tRPC client and link; only the network is scripted (each
 * request waits until the test answers it), and time is fake.
 */

const purchase = { sku: 'mug', quantity: 1 };
type Purchase = typeof purchase;

function setup(options: IdempotencyLinkOptions = {}) {
  const storage = memoryStorage();
  const network = heldFetch();
  const link = idempotencyLink<TestRouter>({ storage, maxAttempts: 3, retryDelay: 1_000, ...options });
  const client = createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch: network.fetch })] });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: queryClient }, children);
  const seen: unknown[] = [];
  const hook = renderHook(
    () =>
      useIdempotentMutation({
        link,
        mutationFn: (input: Purchase, context) => {
          seen.push(context);
          return client.buy.mutate(input, { context: { ...context, resumable: true } });
        },
      }),
    { wrapper },
  );
  return { storage, network, link, client, hook, seen, wrapper };
}

/** Lets promises and React updates run, and fake time pass. */
const tick = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(10_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useIdempotentMutation', () => {
  it('tracks one call: pending with its key, retrying with the next retry time, then settled', async () => {
    const { network, hook } = setup();
    expect(hook.result.current.idempotency.status).toBe('idle');

    act(() => hook.result.current.mutate(purchase));
    await tick();
    const key = unquote(network.requests[0]!.key);
    expect(hook.result.current.idempotency).toMatchObject({ status: 'pending', key, attempt: 1, maxAttempts: 3, retryAt: undefined });

    network.requests[0]!.answer(fail(503, 'UNAVAILABLE'));
    await tick();
    expect(hook.result.current.idempotency).toMatchObject({ status: 'retrying', key, attempt: 1, retryAt: 11_000 });
    expect(hook.result.current.idempotency.retry).toMatchObject({ reason: 'unavailable', attempt: 2 });

    await tick(1_000);
    expect(network.requests).toHaveLength(2);
    expect(unquote(network.requests[1]!.key)).toBe(key);
    expect(hook.result.current.idempotency).toMatchObject({ status: 'retrying', attempt: 2 });

    network.requests[1]!.answer(ok('bought', { 'idempotent-replayed': 'true' }));
    await tick();
    expect(hook.result.current.data).toBe('bought');
    expect(hook.result.current.idempotency).toMatchObject({ status: 'settled', key, attempt: 2, retryAt: undefined, retry: undefined, replayed: true });
  });

  it('an unknown outcome keeps the key; resume() sends the same call again with it', async () => {
    const { network, hook, storage } = setup({ maxAttempts: 1 });
    act(() => hook.result.current.mutate(purchase));
    await tick();
    network.requests[0]!.answer('network-error');
    await tick();
    const key = unquote(network.requests[0]!.key);
    expect(hook.result.current.idempotency).toMatchObject({ status: 'unknown', key, attempt: 1 });
    expect(hook.result.current.isError).toBe(true);
    expect(await journalKeys(storage)).toEqual([key]);

    act(() => hook.result.current.idempotency.resume());
    await tick();
    expect(unquote(network.requests[1]!.key)).toBe(key);
    expect(hook.result.current.idempotency).toMatchObject({ status: 'pending', key, resumed: true });
    network.requests[1]!.answer(ok('bought'));
    await tick();
    expect(hook.result.current.idempotency).toMatchObject({ status: 'settled', key });
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('abandon() forgets an unknown outcome’s key: the same input is then a new purchase with a new key', async () => {
    const { network, hook, storage } = setup({ maxAttempts: 1 });
    act(() => hook.result.current.mutate(purchase));
    await tick();
    network.requests[0]!.answer({ status: 500, body: { error: { message: 'boom', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } } } });
    await tick();
    expect(hook.result.current.idempotency.status).toBe('unknown');

    let removed: boolean | undefined;
    await act(async () => void (removed = await hook.result.current.idempotency.abandon()));
    expect(removed).toBe(true);
    expect(hook.result.current.idempotency).toMatchObject({ status: 'idle', key: undefined, attempt: 0 });
    expect(hook.result.current.isIdle).toBe(true);
    expect(await journalKeys(storage)).toEqual([]);

    act(() => hook.result.current.mutate(purchase));
    await tick();
    expect(network.requests[1]!.key).not.toBe(network.requests[0]!.key);
  });

  it('a definitive error is settled, not unknown; resume() then does nothing', async () => {
    const { network, hook, storage } = setup();
    act(() => hook.result.current.mutate(purchase));
    await tick();
    network.requests[0]!.answer(fail(402, 'PAYMENT_DECLINED'));
    await tick();
    expect(hook.result.current.idempotency).toMatchObject({ status: 'settled', key: unquote(network.requests[0]!.key) });
    act(() => hook.result.current.idempotency.resume());
    await tick();
    expect(network.requests).toHaveLength(1);
    expect(await journalKeys(storage)).toEqual([]);
  });

  it('a second call while one is on its way joins it: one request, one key, the same result', async () => {
    const { network, hook } = setup();
    let first: Promise<string> | undefined;
    let second: Promise<string> | undefined;
    act(() => {
      first = hook.result.current.mutateAsync(purchase);
      second = hook.result.current.mutateAsync({ sku: 'mug', quantity: 2 });
      hook.result.current.mutate(purchase);
    });
    await tick();
    expect(network.requests).toHaveLength(1);
    network.requests[0]!.answer(ok('bought'));
    await tick();
    expect(await first).toBe('bought');
    expect(await second).toBe('bought');
    expect(network.requests).toHaveLength(1);
  });

  it('hands mutationFn a per-call context: a key the caller adds wins over the journal', async () => {
    const { network, client, link, wrapper } = setup();
    const hook = renderHook(
      () => useIdempotentMutation({ link, mutationFn: (vars: { key: string }, context) => client.buy.mutate(purchase, { context: { ...context, idempotencyKey: vars.key } }) }),
      { wrapper },
    );
    act(() => hook.result.current.mutate({ key: 'k-declined' }));
    await tick();
    expect(network.requests[0]!.key).toBe('"k-declined"');
    expect(hook.result.current.idempotency).toMatchObject({ status: 'pending', key: 'k-declined' });
  });
});

describe('usePendingOperations', () => {
  it('lists, after mount, what an earlier page load left with an unknown outcome', async () => {
    const first = setup({ maxAttempts: 1 });
    act(() => first.hook.result.current.mutate(purchase));
    await tick();
    first.network.requests[0]!.answer('network-error');
    await tick();

    const pending = renderHook(() => usePendingOperations(first.link, { path: 'buy' }));
    expect(pending.result.current.operations).toBeUndefined();
    await tick();
    expect(pending.result.current).toEqual({
      operations: [expect.objectContaining({ key: unquote(first.network.requests[0]!.key), path: 'buy', input: purchase })],
      error: undefined,
    });
  });

  it('reports a storage that cannot list its items, with no operations', async () => {
    const storage = memoryStorage();
    const link = idempotencyLink<TestRouter>({ storage: { getItem: storage.getItem, setItem: storage.setItem, removeItem: storage.removeItem } });
    const pending = renderHook(() => usePendingOperations(link));
    await tick();
    expect(pending.result.current.operations).toEqual([]);
    expect(pending.result.current.error).toMatchObject({ code: 'JOURNAL_STORAGE_FAILED' });
  });
});
