import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { idempotencyCompleter, type CompleterEvent } from './idempotencyCompleter.js';
import { memoryLeases } from './memoryLeases.js';
import type { AbandonedRecord } from './store.js';
import { createPhasedApp } from './test-utils/phasedApp.js';

function manualClock() {
  let ms = Date.parse('2030-01-01T00:00:00Z');
  return { now: () => new Date(ms), advance: (by: number) => (ms += by) };
}

/** An app whose first checkout was abandoned after its `reserved` phase: the gateway was down and the client never came back. */
async function abandonedCheckout() {
  const clock = manualClock();
  const app = createPhasedApp({ ...clock, lockTimeoutMs: 1_000, ttlMs: 10_000 });
  app.failNext('gateway_down');
  const first = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
  expect(first.status).toBe(503);
  const resume = (record: AbandonedRecord) => app.call(record.procedure, { key: record.key, user: record.scope, body: JSON.parse(record.input ?? 'null') });
  return { app, clock, resume };
}

describe('idempotencyCompleter', () => {
  it('finishes an abandoned request from its stored input; the late retry replays it; nothing ran twice', async () => {
    const { app, clock, resume } = await abandonedCheckout();
    const events: CompleterEvent['type'][] = [];
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume, now: clock.now, onEvent: (e) => events.push(e.type) });
    clock.advance(1);
    await completer.runOnce();
    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toMatchObject({ status: 'COMPLETED', response: { status: 200 } });
    const late = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
    expect(late).toMatchObject({ status: 200, replayed: true });
    expect(late.body.result?.data).toMatchObject({ amount: 7, chargeId: 'ch_1' });
    expect(app.reservations).toEqual(['k1']);
    expect(app.charges.size).toBe(1);
    expect(events).toEqual(['resumed']);
  });

  it('never takes a live lock, and does nothing without the lease', async () => {
    const { app, clock, resume } = await abandonedCheckout();
    const leases = memoryLeases();
    await leases.acquire({ name: 'idempotency-completer', holder: 'other', until: new Date(clock.now().getTime() + 60_000), now: clock.now() });
    const completer = idempotencyCompleter({ store: app.store, leases, resume, now: clock.now });
    expect(await completer.runOnce()).toEqual({ leader: false });
    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toMatchObject({ status: 'IN_PROGRESS' });
  });

  it('compensates a procedure that declares it: the stored error is what every retry gets', async () => {
    const { app, clock, resume } = await abandonedCheckout();
    const compensated: string[] = [];
    const completer = idempotencyCompleter({
      store: app.store,
      leases: memoryLeases(),
      resume,
      now: clock.now,
      compensate: {
        checkout: async (_tx, record) => {
          compensated.push(record.recoveryPoint);
          return new TRPCError({ code: 'CONFLICT', message: 'The order was cancelled: its payment never completed.' });
        },
      },
    });
    clock.advance(1);
    await completer.runOnce();
    const retry = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
    expect(compensated).toEqual(['reserved']);
    expect(retry).toMatchObject({ status: 409, replayed: true });
    expect(app.charges.size).toBe(0);
  });

  it('flags a record it cannot finish after maxCompletionAttempts, and the sweeper keeps it past its TTL', async () => {
    const { app, clock } = await abandonedCheckout();
    const events: CompleterEvent['type'][] = [];
    const completer = idempotencyCompleter({
      store: app.store,
      leases: memoryLeases(),
      resume: () => Promise.reject(new Error('still down')),
      now: clock.now,
      maxCompletionAttempts: 2,
      onEvent: (e) => events.push(e.type),
    });
    for (let run = 0; run < 4; run++) {
      clock.advance(1);
      await completer.runOnce();
    }
    expect(events).toEqual(['failed', 'flagged']);
    clock.advance(60_000);
    await completer.runOnce();
    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toMatchObject({ status: 'IN_PROGRESS', recoveryPoint: 'reserved' });
  });

  it("names the failure's kind in a flag's reason, never its text (which can carry a customer's input)", async () => {
    const { app, clock } = await abandonedCheckout();
    const failure = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: Object.assign(new Error('Invalid create() { token: "tok_secret" } in /srv/app/gateway.ts'), { name: 'PrismaClientValidationError' }) });
    const reasons: string[] = [];
    const store = { ...app.store, flag: (input: Parameters<typeof app.store.flag>[0]) => (reasons.push(input.reason), app.store.flag(input)) };
    const completer = idempotencyCompleter({ store, leases: memoryLeases(), resume: () => Promise.reject(failure), now: clock.now, maxCompletionAttempts: 1 });
    clock.advance(1);
    await completer.runOnce();
    expect(reasons).toEqual(['not finished after 1 attempts: TRPCError INTERNAL_SERVER_ERROR ← PrismaClientValidationError']);
  });

  it('waits out a database that is briefly unreachable: never flags for it', async () => {
    const { app, clock } = await abandonedCheckout();
    const overloaded = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: Object.assign(new Error('Timed out fetching a new connection from the pool'), { code: 'P2024' }) });
    const events: CompleterEvent['type'][] = [];
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume: () => Promise.reject(overloaded), now: clock.now, maxCompletionAttempts: 1, onEvent: (e) => events.push(e.type) });
    for (let run = 0; run < 3; run++) {
      clock.advance(1);
      await completer.runOnce();
    }
    expect(events).toEqual(['failed', 'failed', 'failed']);
    expect(await app.store.findAbandoned({ now: clock.now(), limit: 1 })).toHaveLength(1);
  });

  it('sweeps expired completed records', async () => {
    const clock = manualClock();
    const app = createPhasedApp({ ...clock, ttlMs: 10_000 });
    await app.call('checkout', { key: 'k1' });
    await app.call('checkout', { key: 'k2' });
    const swept: number[] = [];
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume: async () => {}, now: clock.now, onEvent: (e) => e.count && swept.push(e.count) });
    clock.advance(10_000);
    await completer.runOnce();
    expect(swept).toEqual([2]);
    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toBeNull();
  });

  it('elects one leader among instances, and another takes over once the leader stops', async () => {
    const { app, clock, resume } = await abandonedCheckout();
    const leases = memoryLeases();
    const [a, b] = ['a', 'b'].map((holder) => idempotencyCompleter({ store: app.store, leases, resume, now: clock.now, holder, intervalMs: 1_000 }));
    expect((await a!.runOnce()).leader).toBe(true);
    expect((await b!.runOnce()).leader).toBe(false);
    await a!.stop();
    expect((await b!.runOnce()).leader).toBe(true);
  });
});
