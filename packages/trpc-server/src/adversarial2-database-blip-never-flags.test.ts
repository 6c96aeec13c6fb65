import { initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { idempotency, type IdempotencyHttpContext } from './idempotency.js';
import { idempotencyCompleter } from './idempotencyCompleter.js';
import { memoryLeases } from './memoryLeases.js';
import { memoryStore } from './memoryStore.js';
import type { AbandonedRecord } from './store.js';

// Adversarial review, round two. Round one stopped gateway outages (503) from counting towards
// flagging: an outage is waited out. A database that is briefly overloaded is the same kind of
// failure — Prisma's P2024 (no pooled connection in time), P2028 (a transaction that expired under
// load), P1001 (server unreachable) — but it reaches the completer as a 500, which counts. After
// five runs (under a minute at the default interval) a charged order is flagged and never resumed
// again: AWAITING_PAYMENT, its stock held, until an operator notices.

type Ctx = IdempotencyHttpContext & { user: string };

/** A Prisma error as the client throws it: a known request error with its code. */
function prismaError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'PrismaClientKnownRequestError', code, clientVersion: '7.10.0' });
}

function createApp() {
  let ms = Date.parse('2030-01-01T00:00:00Z');
  const clock = { now: () => new Date(ms), advance: (by: number) => (ms += by) };
  const t = initTRPC.context<Ctx>().create();
  const store = memoryStore();
  const effects: string[] = [];
  const db = { overloaded: false, gatewayDown: true };
  const idempotent = t.procedure.concat(idempotency<Ctx>({ store, scope: (ctx) => ctx.user, now: clock.now, lockTimeoutMs: 1_000, ttlMs: 86_400_000 }));
  const router = t.router({
    pay: idempotent.input((raw) => raw as { card: string }).mutation(async ({ ctx }) => {
      await ctx.idempotency.phase('reserved', async () => void effects.push('reserved'));
      if (db.gatewayDown) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'gateway down' });
      return ctx.idempotency.finish(async () => {
        if (db.overloaded) throw prismaError('P2024', 'Timed out fetching a new connection from the connection pool.');
        effects.push('paid');
        return { ok: true };
      });
    }),
  });
  const createCaller = t.createCallerFactory(router);
  /** What the app's start-completer does: a tRPC caller under the record's principal and key. */
  const call = (record: { key: string; scope: string }, input: unknown) =>
    createCaller({ req: new Request('http://completer.internal/', { headers: { 'idempotency-key': record.key } }), resHeaders: new Headers(), user: record.scope }).pay(input as { card: string });
  const resume = (record: AbandonedRecord, input: unknown) => call(record, input);
  return { clock, store, effects, db, call, resume };
}

describe('adversarial: a transient database failure never flags an abandoned request', () => {
  it('an order abandoned while the database was overloaded for a minute is finished once it recovers', async () => {
    const app = createApp();
    await expect(app.call({ key: 'k1', scope: 'alice' }, { card: 'ok' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    app.db.gatewayDown = false;
    app.db.overloaded = true;
    const events: string[] = [];
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume: app.resume, now: app.clock.now, intervalMs: 10_000, onEvent: (e) => events.push(e.type) });
    // One minute of overload: six runs at the default interval.
    for (let run = 0; run < 6; run++) {
      app.clock.advance(10_000);
      await completer.runOnce();
    }
    app.db.overloaded = false;
    app.clock.advance(10_000);
    await completer.runOnce();

    expect(await app.store.find({ scope: 'alice', key: 'k1' }), events.join(', ')).toMatchObject({ status: 'COMPLETED' });
    expect(app.effects).toEqual(['reserved', 'paid']);
  });
});
