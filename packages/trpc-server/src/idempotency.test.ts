import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { idempotencyErrorData } from './idempotencyErrorData.js';
import { idempotency, type IdempotencyHttpContext } from './idempotency.js';
import { memoryStore } from './memoryStore.js';

type Ctx = IdempotencyHttpContext & { user: string };

/** A tiny app: one idempotent mutation whose behaviour each test steers, and a count of its runs. */
function createApp() {
  const t = initTRPC.context<Ctx>().create({
    errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idempotencyErrorData(error) } }),
  });
  const store = memoryStore();
  const runs: unknown[] = [];
  let behaviour: (input: unknown) => Promise<unknown> = async (input) => ({ echoed: input, run: runs.length });
  const idempotent = t.procedure.concat(idempotency<Ctx>({ store, scope: (ctx) => ctx.user }));
  const router = t.router({
    pay: idempotent.input((raw) => raw as { amount: number }).mutation(async ({ input }) => {
      runs.push(input);
      return behaviour(input);
    }),
    peek: idempotent.query(() => 'no key needed'),
  });
  const call = async (path: string, init: { key?: string; user?: string; body?: unknown; method?: string }) => {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (init.key !== undefined) headers.set('idempotency-key', init.key);
    const req = new Request(`http://test/trpc/${path}`, {
      method: init.method ?? 'POST',
      headers,
      body: init.method === 'GET' ? undefined : JSON.stringify(init.body ?? { amount: 1 }),
    });
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req,
      router,
      createContext: ({ req, resHeaders }) => ({ req, resHeaders, user: init.user ?? 'alice' }),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  return { call, runs, setBehaviour: (fn: typeof behaviour) => (behaviour = fn) };
}

const codeIn = (text: string) => (JSON.parse(text) as { error: { data: { code: string } } }).error.data.code;

describe('idempotency middleware (memory store)', () => {
  it('executes once and replays the identical body with Idempotent-Replayed', async () => {
    const app = createApp();
    const first = await app.call('pay', { key: 'k1' });
    const second = await app.call('pay', { key: 'k1' });
    expect(app.runs).toHaveLength(1);
    expect(second.text).toBe(first.text);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED when the same key comes with another payload', async () => {
    const app = createApp();
    await app.call('pay', { key: 'k1', body: { amount: 1 } });
    const reused = await app.call('pay', { key: 'k1', body: { amount: 2 } });
    expect(reused.status).toBe(422);
    expect(codeIn(reused.text)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(app.runs).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_REQUEST_IN_PROGRESS with Retry-After while the first request runs', async () => {
    const app = createApp();
    let finish!: () => void;
    app.setBehaviour(() => new Promise((resolve) => (finish = () => resolve('done'))));
    const first = app.call('pay', { key: 'k1' });
    await expect.poll(() => app.runs.length).toBe(1);
    const concurrent = await app.call('pay', { key: 'k1' });
    finish();
    expect((await first).status).toBe(200);
    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('retry-after')).toBe('1');
    expect(codeIn(concurrent.text)).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  });

  it('scopes keys per principal', async () => {
    const app = createApp();
    await app.call('pay', { key: 'shared', user: 'alice' });
    const bob = await app.call('pay', { key: 'shared', user: 'bob' });
    expect(bob.headers.get('idempotent-replayed')).toBeNull();
    expect(app.runs).toHaveLength(2);
  });

  it('stores a deterministic business error and replays it without running again', async () => {
    const app = createApp();
    app.setBehaviour(async () => {
      throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'card declined' });
    });
    const first = await app.call('pay', { key: 'k1' });
    const second = await app.call('pay', { key: 'k1' });
    expect([first.status, second.status]).toEqual([412, 412]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(app.runs).toHaveLength(1);
  });

  it('leaves the key retryable after an unexpected error, so the retry executes and succeeds', async () => {
    const app = createApp();
    app.setBehaviour(async () => {
      throw new Error('database connection reset');
    });
    const failed = await app.call('pay', { key: 'k1' });
    app.setBehaviour(async () => 'ok');
    const retried = await app.call('pay', { key: 'k1' });
    expect(failed.status).toBe(500);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(app.runs).toHaveLength(2);
  });

  it('requires a key for mutations and lets queries through without one', async () => {
    const app = createApp();
    const missing = await app.call('pay', {});
    const query = await app.call('peek', { method: 'GET' });
    expect(missing.status).toBe(400);
    expect(codeIn(missing.text)).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(query.status).toBe(200);
    expect(app.runs).toHaveLength(0);
  });
});
