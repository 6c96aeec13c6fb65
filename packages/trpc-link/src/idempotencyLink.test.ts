import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError, type Operation, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdempotencyMonitor } from './createIdempotencyMonitor.js';
import type { ReplayEvent, RetryEvent } from './IdempotencyEvent.js';
import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { getIdempotencyMeta } from './getIdempotencyMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { memoryStorage } from './memoryStorage.js';
import { isRetryAbortedError } from './RetryAbortedError.js';
import { fail, ok, scriptedFetch, type TestRouter } from './test-utils/scriptedFetch.js';
import { settle, unquote } from './test-utils/testClient.js';

const URL = 'http://api.test/trpc';

/** A client whose only network is `fetch`; jitter fixed at the midpoint (random 0.5 → halfway between 250 ms and the ceiling). */
function clientWith(fetch: ReturnType<typeof scriptedFetch>['fetch'], options: IdempotencyLinkOptions = {}) {
  return createTRPCClient<TestRouter>({
    links: [
      idempotencyLink({ storage: memoryStorage(), random: () => 0.5, ...options }),
      idempotentHttpLink({ url: URL, fetch }),
    ],
  });
}

/** Settles a promise into a value, so a rejection is handled before fake time moves on. */
const metaOf = (error: unknown) => (error as TRPCClientError<TestRouter>).meta?.['idempotency'] as IdempotencyErrorMeta;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('idempotency keys', () => {
  it('gives each mutation its own key', async () => {
    const { fetch, requests } = scriptedFetch(ok('bought'));
    const client = clientWith(fetch);
    await client.buy.mutate('a');
    await client.buy.mutate('b');
    expect(requests).toHaveLength(2);
    expect(requests[0]?.key).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(requests[0]?.key).not.toBe(requests[1]?.key);
  });

  it('reuses one key for every attempt of a mutation', async () => {
    const { fetch, requests } = scriptedFetch('network-error', fail(503, 'SERVICE_UNAVAILABLE'), ok('bought'));
    const result = settle(clientWith(fetch).buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.key)).size).toBe(1);
  });

  it('keeps a key supplied by the caller, on every attempt', async () => {
    const { fetch, requests } = scriptedFetch('network-error', ok('bought'));
    const result = settle(clientWith(fetch, { generateKey: () => 'generated' }).buy.mutate('a', { context: { idempotencyKey: 'mine' } }));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests.map((r) => r.key)).toEqual(['"mine"', '"mine"']);
  });

  it('leaves queries without a key and never retries them', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'));
    const result = settle(clientWith(fetch).list.query());
    await vi.runAllTimersAsync();
    expect(await result).toHaveProperty('error');
    expect(requests).toEqual([expect.objectContaining({ key: null })]);
  });

  it('tells links below which attempt they carry', async () => {
    const seen: Operation[] = [];
    const recording: TRPCLink<TestRouter> = () => ({ op }) =>
      observable((observer) => {
        seen.push(op);
        idempotencyHeaders(op); // a custom terminating link confirms the key it sends this way
        if (seen.length < 2) observer.error(TRPCClientError.from(new TypeError('fetch failed')));
        else {
          observer.next({ result: { type: 'data', data: 'bought' } });
          observer.complete();
        }
      });
    const client = createTRPCClient<TestRouter>({ links: [idempotencyLink({ storage: memoryStorage() }), recording] });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(seen.map((op) => op.context['idempotencyAttempt'])).toEqual([1, 2]);
  });
});

describe('retry timing', () => {
  it('backs off exponentially with jitter when the server sends no Retry-After', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'));
    const result = settle(clientWith(fetch).buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(metaOf((await result as { error: unknown }).error)).toMatchObject({ attempts: 6, stoppedBy: 'max-attempts', outcome: 'unknown' });
    // delays with random 0.5, halfway through [250, ceiling]: 375, 625, 1125, 2125, 2625 (ceiling capped at 5000)
    expect(requests.map((r) => r.at)).toEqual([0, 375, 1000, 2125, 4250, 6875]);
  });

  it('jitters the first retry: clients that failed together do not come back in lockstep', async () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646; // seeded (Park–Miller)
    const scripts = Array.from({ length: 50 }, () => scriptedFetch('network-error', ok('bought'))); // one network each
    const results = settle(Promise.all(scripts.map(({ fetch }) => clientWith(fetch, { random }).buy.mutate('a'))));
    await vi.runAllTimersAsync();
    expect(await results).toHaveProperty('value');
    expect(scripts.every(({ requests }) => requests[0]?.at === 0)).toBe(true); // all failed together
    const retries = scripts.map(({ requests }) => requests[1]!.at).sort((a, b) => a - b);
    expect(retries[0]).toBeGreaterThanOrEqual(250);
    expect(retries.at(-1)).toBeLessThanOrEqual(500);
    expect(retries.at(-1)! - retries[0]!).toBeGreaterThan(150);
    expect(new Set(retries).size).toBeGreaterThan(30);
  });

  it('waits the seconds of Retry-After instead of the backoff', async () => {
    const { fetch, requests } = scriptedFetch(fail(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', { retryable: true, headers: { 'retry-after': '2' } }), ok('bought'));
    const result = settle(clientWith(fetch).buy.mutate('a'));
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    expect(await result).toEqual({ value: 'bought' });
  });

  it('waits until the HTTP date of Retry-After', async () => {
    vi.setSystemTime(Date.parse('2030-01-01T00:00:00Z'));
    const start = Date.now();
    const { fetch, requests } = scriptedFetch(fail(429, 'TOO_MANY_REQUESTS', { headers: { 'retry-after': 'Tue, 01 Jan 2030 00:00:07 GMT' } }), ok('bought'));
    const result = settle(clientWith(fetch).buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests.map((r) => r.at - start)).toEqual([0, 7000]);
  });

  it('shortens a Retry-After longer than maxRetryAfterMs', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE', { headers: { 'retry-after': '3600' } }), ok('bought'));
    const result = settle(clientWith(fetch, { maxRetryAfterMs: 10_000 }).buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests.map((r) => r.at)).toEqual([0, 10_000]);
  });

  it('stops after maxAttempts and keeps the last error', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'));
    const result = settle(clientWith(fetch, { maxAttempts: 3, retryDelay: 100 }).buy.mutate('a'));
    await vi.runAllTimersAsync();
    const { error } = (await result) as { error: TRPCClientError<TestRouter> };
    expect(requests.map((r) => r.at)).toEqual([0, 100, 200]);
    expect(error.data).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
    expect(metaOf(error)).toMatchObject({ attempts: 3, stoppedBy: 'max-attempts', outcome: 'unknown' });
  });

  it('gives up instead of starting a retry past the deadline', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE', { headers: { 'retry-after': '4' } }));
    const result = settle(clientWith(fetch, { deadlineMs: 10_000 }).buy.mutate('a'));
    await vi.runAllTimersAsync();
    // 0, 4 s, 8 s; the next would start at 12 s > 10 s
    expect(requests.map((r) => r.at)).toEqual([0, 4000, 8000]);
    expect(metaOf((await result as { error: unknown }).error)).toMatchObject({ attempts: 3, stoppedBy: 'deadline' });
  });

  it('cancels the wait when the AbortSignal fires, and makes no further attempt', async () => {
    const { fetch, requests } = scriptedFetch(fail(503, 'SERVICE_UNAVAILABLE'));
    const abort = new AbortController();
    const result = settle(clientWith(fetch, { retryDelay: 5000 }).buy.mutate('a', { signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    abort.abort();
    const { error } = (await result) as { error: TRPCClientError<TestRouter> };
    expect(isRetryAbortedError(error.cause)).toBe(true);
    // the README's promise holds for a cancelled wait too: the key, and that the outcome is unknown
    expect(getIdempotencyMeta(error)).toEqual({ key: unquote(requests[0]?.key), attempts: 1, stoppedBy: 'aborted', outcome: 'unknown' });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it('does not retry an attempt the AbortSignal cancelled in flight', async () => {
    const { fetch, requests } = scriptedFetch('hang');
    const abort = new AbortController();
    const result = settle(clientWith(fetch).buy.mutate('a', { signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(10);
    abort.abort('user left the page');
    const { error } = (await result) as { error: unknown };
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
    expect(metaOf(error)).toMatchObject({ stoppedBy: 'aborted', outcome: 'unknown' });
  });

  it('clears its timer when the caller unsubscribes', async () => {
    const { fetch, requests } = scriptedFetch('network-error');
    const terminating = idempotentHttpLink<TestRouter>({ url: URL, fetch })({});
    const link = idempotencyLink<TestRouter>({ storage: memoryStorage() })({});
    const op: Operation = { id: 1, type: 'mutation', path: 'buy', input: 'a', context: {}, signal: null };
    const subscription = link({ op, next: (next) => terminating({ op: next, next: () => observable(() => {}) }) }).subscribe({});
    await vi.advanceTimersByTimeAsync(10);
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1);
    subscription.unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('retry policy in the link', () => {
  it('does not retry a final error, and keeps the server data', async () => {
    const { fetch, requests } = scriptedFetch(fail(422, 'OUT_OF_STOCK', { retryable: false }));
    const { error } = (await settle(clientWith(fetch).buy.mutate('a'))) as { error: TRPCClientError<TestRouter> };
    expect(requests).toHaveLength(1);
    expect(error.data).toMatchObject({ code: 'OUT_OF_STOCK' });
    expect(metaOf(error)).toMatchObject({ attempts: 1, stoppedBy: 'client-error', outcome: 'known' });
  });

  it('does not retry a TypeError thrown by a bug', async () => {
    const { fetch, requests } = scriptedFetch(ok('bought'));
    let headerCalls = 0;
    const client = createTRPCClient<TestRouter>({
      links: [
        idempotencyLink({ storage: memoryStorage() }),
        httpLink({
          url: URL,
          fetch,
          headers: () => {
            headerCalls++;
            throw new TypeError("Cannot read properties of undefined (reading 'token')");
          },
        }),
      ],
    });
    const result = settle(client.buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(metaOf((await result as { error: unknown }).error)).toMatchObject({ stoppedBy: 'unknown-error', outcome: 'unknown' });
    expect(headerCalls).toBe(1);
    expect(requests).toHaveLength(0);
  });

  it('never retries with retry: false', async () => {
    const { fetch, requests } = scriptedFetch('network-error', ok('bought'));
    const { error } = (await settle(clientWith(fetch, { retry: false }).buy.mutate('a'))) as { error: unknown };
    expect(requests).toHaveLength(1);
    expect(metaOf(error)).toMatchObject({ stoppedBy: 'declined', outcome: 'unknown' });
  });

  it('lets a retry function extend the default policy', async () => {
    const { fetch, requests } = scriptedFetch(fail(409, 'EDIT_CONFLICT'), ok('bought'));
    const retry = vi.fn(({ decision, error }) => decision.retry || error.data?.code === 'EDIT_CONFLICT');
    const result = settle(clientWith(fetch, { retry }).buy.mutate('a'));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(requests).toHaveLength(2);
    expect(retry).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, decision: { retry: false, reason: 'not-retryable' } }));
  });
  it('stops, and logs, when a retry function throws', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fetch, requests } = scriptedFetch('network-error', ok('bought'));
    const retry = () => {
      throw new Error('policy bug');
    };
    const { error } = (await settle(clientWith(fetch, { retry }).buy.mutate('a'))) as { error: unknown };
    expect(requests).toHaveLength(1);
    expect(metaOf(error)).toMatchObject({ stoppedBy: 'declined', outcome: 'unknown' });
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});

describe('batches', () => {
  it('sends one key per operation and retries only the operation that needs it, with its own key', async () => {
    const inProgress = { error: { message: 'busy', code: -32000, data: { code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', httpStatus: 409, retryable: true } } };
    const { fetch, requests } = scriptedFetch(
      { status: 207, body: [{ result: { data: 'first' } }, inProgress], headers: { 'retry-after': '1' } },
      { status: 200, body: [{ result: { data: 'second' } }] },
    );
    let n = 0;
    const client = createTRPCClient<TestRouter>({
      links: [
        idempotencyLink({ storage: memoryStorage(), generateKey: () => `k${++n}` }),
        httpBatchLink({ url: URL, fetch, headers: ({ opList }) => idempotencyHeaders(opList) }),
      ],
    });
    const results = settle(Promise.all([client.buy.mutate('a'), client.buy.mutate('b')]));
    await vi.runAllTimersAsync();
    expect(await results).toEqual({ value: ['first', 'second'] });
    expect(requests.map((r) => r.key)).toEqual(['"k1", "k2"', '"k2"']);
    // Retry-After: 1, plus the batch loader's own setTimeout(0)
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(requests[1]!.at - requests[0]!.at).toBeLessThan(1010);
  });
});

describe('events', () => {
  it('reports every retry to onRetry, the operation context and a monitor', async () => {
    const { fetch } = scriptedFetch('network-error', fail(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', { retryable: true, headers: { 'retry-after': '2' } }), ok('bought'));
    const monitor = createIdempotencyMonitor();
    const onRetry = vi.fn<(event: RetryEvent) => void>();
    const fromContext = vi.fn<(event: RetryEvent) => void>();
    const snapshots: (readonly RetryEvent[])[] = [];
    monitor.subscribe(() => snapshots.push(monitor.getSnapshot()));
    const client = clientWith(fetch, { onRetry, monitor, generateKey: () => 'k1' });
    const result = settle(client.buy.mutate('a', { context: { onRetry: fromContext } }));
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(onRetry.mock.calls.map(([e]) => [e.key, e.attempt, e.maxAttempts, e.delayMs, e.reason, e.delaySource])).toEqual([
      ['k1', 2, 6, 375, 'network-error', 'backoff'],
      ['k1', 3, 6, 2000, 'in-progress', 'retry-after'],
    ]);
    expect(onRetry.mock.calls[1]?.[0]).toMatchObject({ path: 'buy', retryAt: 2375 });
    expect(fromContext.mock.calls).toEqual(onRetry.mock.calls);
    expect(snapshots.map((s) => s.map((e) => e.attempt))).toEqual([[2], [3], []]);
  });

  it('reports a replayed response', async () => {
    const { fetch } = scriptedFetch(ok('bought', { 'idempotent-replayed': 'true' }));
    const onReplay = vi.fn<(event: ReplayEvent) => void>();
    const fromContext = vi.fn<(event: ReplayEvent) => void>();
    await clientWith(fetch, { onReplay, generateKey: () => 'k1' }).buy.mutate('a', { context: { onReplay: fromContext } });
    expect(onReplay.mock.calls).toEqual([[{ type: 'replay', key: 'k1', path: 'buy', attempt: 1, batched: false }]]);
    expect(fromContext).toHaveBeenCalledTimes(1);
  });

  it('reports a replayed error too', async () => {
    const { fetch } = scriptedFetch(fail(422, 'OUT_OF_STOCK', { headers: { 'idempotent-replayed': 'true' } }));
    const onReplay = vi.fn<(event: ReplayEvent) => void>();
    await settle(clientWith(fetch, { onReplay }).buy.mutate('a'));
    expect(onReplay).toHaveBeenCalledTimes(1);
  });

  it('survives a listener that throws, and logs it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fetch } = scriptedFetch('network-error', ok('bought'));
    const result = settle(
      clientWith(fetch, {
        onRetry: () => {
          throw new Error('listener bug');
        },
      }).buy.mutate('a'),
    );
    await vi.runAllTimersAsync();
    expect(await result).toEqual({ value: 'bought' });
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
