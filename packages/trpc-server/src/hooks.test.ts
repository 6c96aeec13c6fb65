import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { idempotency, type IdempotencyHttpContext } from './idempotency.js';
import type { IdempotencyHooks } from './IdempotencyHooks.js';
import { memoryStore } from './memoryStore.js';

/** An app whose one mutation fails with 412 for amount 0, records every hook call, and holds on demand. */
function createApp(now: () => Date) {
  const calls: string[] = [];
  const record = (name: string) => () => void calls.push(name);
  const hooks: IdempotencyHooks = {
    onExecuted: (e) => calls.push(`executed:${e.outcome}:${e.status}`),
    onReplayed: (e) => calls.push(`replayed:${e.status}`),
    onConflict: record('conflict'),
    onMismatch: record('mismatch'),
    onTakeover: record('takeover'),
    onRecovered: (e) => calls.push(`recovered:${e.status}`),
    onLockLost: record('lock-lost'),
  };
  const t = initTRPC.context<IdempotencyHttpContext>().create();
  let hold: Promise<void> | null = null;
  let entered = 0;
  const router = t.router({
    pay: t.procedure
      .concat(idempotency({ store: memoryStore(), scope: () => 'user', now, hooks, lockTimeoutMs: 1_000 }))
      .input((raw) => raw as { amount: number })
      .mutation(async ({ input }) => {
        entered++;
        await hold;
        if (input.amount === 0) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'nothing to pay' });
        return { paid: input.amount };
      }),
  });
  const call = (key: string, amount: number) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: new Request('http://test/trpc/pay', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ amount }) }),
      router,
      createContext: ({ req, resHeaders }) => ({ req, resHeaders }),
    }).then((r) => r.status);
  return { calls, call, entered: () => entered, setHold: (p: Promise<void> | null) => (hold = p) };
}

describe('hooks', () => {
  it('fire once per outcome: executed, replayed, mismatch, stored error', async () => {
    const app = createApp(() => new Date());
    await app.call('a', 1);
    await app.call('a', 1);
    await app.call('a', 2);
    await app.call('b', 0);
    expect(app.calls).toEqual(['executed:result:200', 'replayed:200', 'mismatch', 'executed:error:412']);
  });

  it('fire conflict while the lock is live, then takeover and recovered once it expired', async () => {
    let now = 0;
    const app = createApp(() => new Date(now));
    let release!: () => void;
    app.setHold(new Promise<void>((resolve) => (release = resolve)));
    const owner = app.call('k', 1);
    await expect.poll(app.entered).toBe(1);
    const conflict = await app.call('k', 1);
    now = 1_001;
    app.setHold(null);
    const takeover = await app.call('k', 1);
    release();
    expect([conflict, takeover, await owner]).toEqual([409, 200, 200]);
    expect(app.calls).toEqual(['conflict', 'takeover', 'recovered:200', 'lock-lost', 'replayed:200']);
  });
});
