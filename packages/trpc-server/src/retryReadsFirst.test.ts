import { initTRPC } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { idempotency, type IdempotencyHttpContext } from './idempotency.js';
import { memoryStore } from './memoryStore.js';
import type { IdempotencyStore } from './store.js';

/** A memory store that counts the calls of each of its methods. */
function countedStore() {
  const inner = memoryStore();
  const calls: Record<string, number> = {};
  const store = new Proxy(inner, {
    get(target, name: string) {
      const value = target[name as keyof typeof target];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as IdempotencyStore<undefined>;
  return { store, calls, reset: () => Object.keys(calls).forEach((name) => delete calls[name]) };
}

function createApp(store: IdempotencyStore<undefined>) {
  const t = initTRPC.context<IdempotencyHttpContext>().create();
  const runs: unknown[] = [];
  let release: () => void = () => {};
  let hold = false;
  const router = t.router({
    pay: t.procedure
      .concat(idempotency({ store, scope: () => 'alice' }))
      .input((raw) => raw as { amount: number })
      .mutation(async ({ input }) => {
        runs.push(input);
        if (hold) await new Promise<void>((resolve) => (release = resolve));
        return { paid: input.amount, run: runs.length };
      }),
  });
  const call = async (key: string, attempt?: string, amount = 1) => {
    const headers = new Headers({ 'content-type': 'application/json', 'idempotency-key': key });
    if (attempt !== undefined) headers.set('idempotency-attempt', attempt);
    const req = new Request('http://test/trpc/pay', { method: 'POST', headers, body: JSON.stringify({ amount }) });
    const response = await fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: ({ req, resHeaders }) => ({ req, resHeaders }) });
    return { status: response.status, replayed: response.headers.get('idempotent-replayed'), text: await response.text() };
  };
  return { call, runs, holdNext: () => (hold = true), release: () => release() };
}

describe('Idempotency-Attempt: a retry reads the key before inserting', () => {
  it('replays a completed key on a retry without any insert', async () => {
    const { store, calls, reset } = countedStore();
    const app = createApp(store);
    const first = await app.call('k1', '1');
    reset();
    const retry = await app.call('k1', '2');
    expect(retry).toMatchObject({ status: 200, replayed: 'true', text: first.text });
    expect(calls).toMatchObject({ find: 1, recordReplay: 1 });
    expect(calls.insert).toBeUndefined();
    expect(app.runs).toHaveLength(1);
  });

  it('keeps insert-first on a first send, with no extra read', async () => {
    const { store, calls } = countedStore();
    const app = createApp(store);
    await app.call('k1', '1');
    await app.call('k2');
    expect(calls.insert).toBe(2);
    expect(calls.find).toBeUndefined();
  });

  it('owns an unknown key on a retry only through the insert', async () => {
    const { store, calls } = countedStore();
    const app = createApp(store);
    const retry = await app.call('never-seen', '3');
    expect(retry).toMatchObject({ status: 200, replayed: null });
    expect(calls).toMatchObject({ find: 1, insert: 1 });
    expect(app.runs).toHaveLength(1);
  });

  it('answers 409 on a retry of a key still in progress, and 422 on another payload, without any insert', async () => {
    const { store, calls, reset } = countedStore();
    const app = createApp(store);
    app.holdNext();
    const running = app.call('k1', '1');
    await expect.poll(() => app.runs.length).toBe(1);
    reset();
    expect((await app.call('k1', '2')).status).toBe(409);
    expect(calls.insert).toBeUndefined();
    app.release();
    await running;
    expect((await app.call('k1', '2', 99)).status).toBe(422);
    expect(calls.insert).toBeUndefined();
    expect(app.runs).toHaveLength(1);
  });

  it('treats a malformed attempt as a first send', async () => {
    const { store, calls, reset } = countedStore();
    const app = createApp(store);
    await app.call('k1');
    reset();
    expect(await app.call('k1', 'two')).toMatchObject({ status: 200, replayed: 'true' });
    expect(calls).toMatchObject({ insert: 1 });
    expect(calls.find).toBeUndefined();
  });
});
