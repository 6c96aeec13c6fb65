import { TRPCClientError } from '@trpc/client';
import { describe, expect, it, vi } from 'vitest';
import { createIdempotencyMonitor } from './createIdempotencyMonitor.js';
import type { RetryEvent } from './IdempotencyEvent.js';

const retry = (key: string, attempt: number): RetryEvent => ({
  type: 'retry',
  key,
  path: 'checkout.placeOrder',
  attempt,
  maxAttempts: 6,
  delayMs: 1000,
  retryAt: 1000,
  reason: 'network-error',
  delaySource: 'backoff',
  error: TRPCClientError.from(new TypeError('fetch failed')),
});

describe('createIdempotencyMonitor', () => {
  it('holds the latest retry per key until the operation settles', () => {
    const monitor = createIdempotencyMonitor();
    const listener = vi.fn();
    const unsubscribe = monitor.subscribe(listener);
    monitor.report(retry('a', 2));
    monitor.report(retry('b', 2));
    monitor.report(retry('a', 3));
    expect(monitor.getSnapshot().map((e) => [e.key, e.attempt])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
    monitor.report({ type: 'settled', key: 'a', path: 'checkout.placeOrder', attempts: 3, outcome: 'success', replayed: false });
    expect(monitor.getSnapshot().map((e) => e.key)).toEqual(['b']);
    expect(listener).toHaveBeenCalledTimes(4);
    unsubscribe();
    monitor.report(retry('c', 2));
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('keeps the same snapshot when nothing changed, as useSyncExternalStore requires', () => {
    const monitor = createIdempotencyMonitor();
    const empty = monitor.getSnapshot();
    monitor.report({ type: 'replay', key: 'a', path: 'p', attempt: 1, batched: false });
    monitor.report({ type: 'settled', key: 'a', path: 'p', attempts: 1, outcome: 'success', replayed: false });
    expect(monitor.getSnapshot()).toBe(empty);
  });
});
