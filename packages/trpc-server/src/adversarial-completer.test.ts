import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { idempotencyErrorData } from './idempotencyErrorData.js';
import { commitThenFail } from './commitThenFail.js';
import { idempotency, type IdempotencyHttpContext } from './idempotency.js';
import { idempotencyCompleter, type CompleterEvent } from './idempotencyCompleter.js';
import { memoryLeases } from './memoryLeases.js';
import { memoryStore } from './memoryStore.js';
import type { AbandonedRecord } from './store.js';

// Adversarial review of the completer and of stored outcomes, on memoryStore.

type Ctx = IdempotencyHttpContext & { user: string };

function manualClock() {
  let ms = Date.parse('2030-01-01T00:00:00Z');
  return { now: () => new Date(ms), advance: (by: number) => (ms += by) };
}

/**
 * `reserve`: an input-less mutation with one phase, then a gateway that may be down.
 * `pay`: a phase, then a finish that commits a decline (as the shop's PAYMENT_DECLINED does).
 * `cancel`: stores a deterministic business 409 (e.g. a compensation's "order was cancelled").
 */
function createApp() {
  const clock = manualClock();
  const t = initTRPC.context<Ctx>().create({
    errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idempotencyErrorData(error) } }),
  });
  const store = memoryStore();
  const effects: string[] = [];
  let gatewayDown = false;
  const idempotent = t.procedure.concat(idempotency<Ctx>({ store, scope: (ctx) => ctx.user, now: clock.now, lockTimeoutMs: 1_000, ttlMs: 60_000 }));
  const router = t.router({
    reserve: idempotent.mutation(async ({ ctx }) => {
      await ctx.idempotency.phase('reserved', async () => void effects.push(`reserved:${ctx.idempotency.key}`));
      if (gatewayDown) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'gateway down' });
      return ctx.idempotency.finish(async () => {
        effects.push(`paid:${ctx.idempotency.key}`);
        return { ok: true };
      });
    }),
    pay: idempotent.input((raw) => raw as { card: string }).mutation(async ({ ctx, input }) => {
      await ctx.idempotency.phase('reserved', async () => void effects.push(`reserved:${ctx.idempotency.key}`));
      if (gatewayDown) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'gateway down' });
      return ctx.idempotency.finish(async () => {
        effects.push(`settled:${ctx.idempotency.key}`);
        if (input.card === 'declined') throw commitThenFail(new TRPCError({ code: 'PAYMENT_REQUIRED', message: 'declined' }));
        return { ok: true };
      });
    }),
    cancel: idempotent.mutation(() => {
      throw new TRPCError({ code: 'CONFLICT', message: 'The order was cancelled.' });
    }),
  });

  /** One operation sent as tRPC's batch link sends it (`?batch=1`, `{"0": input}`), which also carries an absent input. */
  async function call(path: string, init: { key: string; user?: string; body?: unknown }) {
    const req = new Request(`http://test/trpc/${path}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': init.key },
      body: JSON.stringify(init.body === undefined ? {} : { 0: init.body }),
    });
    const response = await fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: ({ req, resHeaders }) => ({ req, resHeaders, user: init.user ?? 'alice' }) });
    const [body] = (await response.json()) as { result?: { data: unknown }; error?: { data: { code: string; retryable: boolean } } }[];
    return { status: response.status, body: body!, replayed: response.headers.get('idempotent-replayed') === 'true' };
  }
  /** What the app's start-completer does: call the procedure again under the record's principal and key. */
  const resume = async (record: AbandonedRecord, input: unknown) => {
    const result = await call(record.procedure, { key: record.key, user: record.scope, body: input });
    // As a tRPC caller would: the failure as a TRPCError with the answer's code.
    if (result.status !== 200) throw new TRPCError({ code: result.body.error!.data.code as TRPCError['code'], message: `resume answered ${result.status}` });
    return result;
  };
  return { clock, store, effects, call, resume, setGatewayDown: (down: boolean) => (gatewayDown = down) };
}

describe('adversarial: the completer', () => {
  it('resumes an abandoned mutation that takes no input, instead of flagging it for want of input', async () => {
    const app = createApp();
    app.setGatewayDown(true);
    const first = await app.call('reserve', { key: 'k1' });
    expect(first.status, JSON.stringify(first.body)).toBe(503);
    app.setGatewayDown(false);
    const events: CompleterEvent['type'][] = [];
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume: app.resume, now: app.clock.now, onEvent: (e) => events.push(e.type) });
    app.clock.advance(1);
    await completer.runOnce();

    expect(events).toEqual(['resumed']);
    expect(app.effects).toEqual(['reserved:k1', 'paid:k1']);
    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toMatchObject({ status: 'COMPLETED' });
  });

  it('does not flag a request whose only failures were transient: it finishes it once the gateway is back', async () => {
    const app = createApp();
    app.setGatewayDown(true);
    expect((await app.call('pay', { key: 'k1', body: { card: 'ok' } })).status).toBe(503);
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume: app.resume, now: app.clock.now, intervalMs: 10_000 });
    // A one-minute gateway outage: six runs at the default interval.
    for (let run = 0; run < 6; run++) {
      app.clock.advance(10_000);
      await completer.runOnce();
    }
    app.setGatewayDown(false);
    app.clock.advance(10_000);
    await completer.runOnce();

    expect((await app.store.find({ scope: 'alice', key: 'k1' }))?.status).toBe('COMPLETED');
    expect(app.effects).toEqual(['reserved:k1', 'settled:k1']);
  });

  it('reports a resumed request that ended in a stored business error (a decline) as resumed, not failed', async () => {
    const app = createApp();
    app.setGatewayDown(true);
    expect((await app.call('pay', { key: 'k1', body: { card: 'declined' } })).status).toBe(503);
    app.setGatewayDown(false);
    const events: CompleterEvent['type'][] = [];
    // Resume as the app does (a tRPC caller rejects with the stored error).
    const resume = async (record: AbandonedRecord) => {
      const result = await app.call(record.procedure, { key: record.key, user: record.scope, body: JSON.parse(record.input ?? 'null') });
      if (result.status !== 200) throw new TRPCError({ code: 'PAYMENT_REQUIRED', message: 'declined' });
    };
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume, now: app.clock.now, onEvent: (e) => events.push(e.type) });
    app.clock.advance(1);
    await completer.runOnce();

    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toMatchObject({ status: 'COMPLETED', response: { status: 402 } });
    expect(events).toEqual(['resumed']);
  });
});

describe('adversarial: a stored outcome is final', () => {
  it('a stored 409 business error is replayed with retryable: false, so a client stops and forgets the key', async () => {
    const app = createApp();
    const first = await app.call('cancel', { key: 'k1' });
    const replay = await app.call('cancel', { key: 'k1' });
    expect(replay).toMatchObject({ status: 409, replayed: true });
    expect({ first: first.body.error?.data.retryable, replay: replay.body.error?.data.retryable }).toEqual({ first: false, replay: false });
  });
});
