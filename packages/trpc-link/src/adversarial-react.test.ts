// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient } from '@trpc/client';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import { memoryStorage } from './memoryStorage.js';
import { heldFetch } from './react/test-utils/heldFetch.js';
import { useIdempotentMutation } from './react/useIdempotentMutation.js';
import { fail, ok, type TestRouter } from './test-utils/scriptedFetch.js';

/** Adversarial review of the React face: abandon and resume pressed together. */

const purchase = { sku: 'mug', quantity: 1 };
type Purchase = typeof purchase;

function setup() {
  const network = heldFetch();
  const link = idempotencyLink<TestRouter>({ storage: memoryStorage(), maxAttempts: 1 });
  const client = createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: 'http://api.test/trpc', fetch: network.fetch })] });
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: queryClient }, children);
  const hook = renderHook(() => useIdempotentMutation({ link, mutationFn: (input: Purchase, context) => client.buy.mutate(input, { context }) }), { wrapper });
  return { network, hook };
}

const tick = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms));

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(10_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('adversarial: useIdempotentMutation abandon + resume', () => {
  it('shows a charge that went through when "Try again" is pressed while an abandon is still removing the key', async () => {
    const { network, hook } = setup();
    act(() => hook.result.current.mutate(purchase));
    await tick();
    network.requests[0]!.answer(fail(503, 'UNAVAILABLE'));
    await tick();
    expect(hook.result.current.idempotency.status).toBe('unknown');

    // "Abandon" then "Try again" in one handler tick (two buttons, a fast user or a test bot):
    // resume still sees `unknown` because abandon has not finished awaiting the journal.
    let abandoned: Promise<boolean> | undefined;
    act(() => {
      abandoned = hook.result.current.idempotency.abandon();
      hook.result.current.idempotency.resume();
    });
    await tick();
    expect(network.requests).toHaveLength(2); // the resume went out
    await act(async () => void (await abandoned));

    network.requests[1]!.answer(ok('bought'));
    await tick();

    // The customer was charged: the hook must not show an idle form inviting a second purchase.
    expect({ status: hook.result.current.idempotency.status, isSuccess: hook.result.current.isSuccess }).toEqual({ status: 'settled', isSuccess: true });
  });
});
