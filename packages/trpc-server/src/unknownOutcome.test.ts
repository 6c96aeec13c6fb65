import { describe, expect, it } from 'vitest';
import { idempotency } from './idempotency.js';
import { memoryStore } from './memoryStore.js';
import { createPhasedApp } from './test-utils/phasedApp.js';

/** A clock the test moves by hand. */
function manualClock() {
  let ms = Date.parse('2030-01-01T00:00:00Z');
  return { now: () => new Date(ms), advance: (by: number) => (ms += by) };
}

describe('a failure that is not stored', () => {
  it('after a committed phase: 500 marked retryable, and the retry resumes without reserving or charging again', async () => {
    const clock = manualClock();
    const app = createPhasedApp(clock);
    app.failNext('crash_after_reserve');
    const failed = await app.call('checkout', { key: 'k1' });
    const retried = await app.call('checkout', { key: 'k1' });
    const replayed = await app.call('checkout', { key: 'k1' });
    expect(failed.status).toBe(500);
    expect(failed.body.error?.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: true });
    expect(retried.status).toBe(200);
    expect(replayed).toMatchObject({ status: 200, replayed: true, text: retried.text });
    expect(app.reservations).toEqual(['k1']);
    expect(app.charges.size).toBe(1);
  });

  it('before any phase: the key is released and the 500 is marked retryable', async () => {
    const app = createPhasedApp(manualClock());
    app.failNext('crash_after_reserve');
    const failed = await app.call('plain', { key: 'k1' });
    expect(failed.status).toBe(500);
    expect(failed.body.error?.data.retryable).toBe(true);
    const again = await app.call('plain', { key: 'k1' });
    expect(again).toMatchObject({ status: 200, replayed: false });
  });

  it('a result JSON cannot hold is a programming error: 500 at once, the key is not held for the lock timeout', async () => {
    const app = createPhasedApp(manualClock());
    app.failNext('unserializable');
    const failed = await app.call('plain', { key: 'k1' });
    expect(failed.text).toContain('cannot be stored as JSON');
    expect(await app.store.find({ scope: 'alice', key: 'k1' })).toBeNull();
  });

  it('a TTL that ended does not forget a key with committed phases: the late retry resumes it, one reservation, one charge', async () => {
    const clock = manualClock();
    const app = createPhasedApp({ ...clock, ttlMs: 10_000 });
    app.failNext('gateway_down');
    const failed = await app.call('checkout', { key: 'k1' });
    clock.advance(60_000);
    const late = await app.call('checkout', { key: 'k1' });
    expect(failed.status).toBe(503);
    expect(late.status).toBe(200);
    expect(app.reservations).toEqual(['k1']);
    expect(app.charges.size).toBe(1);
  });

  it('a completed key past its TTL is new again', async () => {
    const clock = manualClock();
    const app = createPhasedApp({ ...clock, ttlMs: 10_000 });
    await app.call('checkout', { key: 'k1' });
    clock.advance(10_001);
    const again = await app.call('checkout', { key: 'k1' });
    expect(again.replayed).toBe(false);
    expect(app.reservations).toEqual(['k1', 'k1']);
  });
});

describe('settings', () => {
  it('refuses a TTL that is not longer than the lock timeout, and a lock timeout not longer than the transaction timeout', () => {
    expect(() => idempotency({ store: memoryStore(), scope: () => 'x', ttlMs: 1_000, lockTimeoutMs: 1_000 })).toThrow(/ttlMs \(1000\) must be greater than lockTimeoutMs \(1000\)/);
    const store = Object.assign(memoryStore(), { transactionTimeoutMs: 15_000 });
    expect(() => idempotency({ store, scope: () => 'x', lockTimeoutMs: 10_000 })).toThrow(/lockTimeoutMs \(10000\) must be greater than the store's transaction timeout \(15000\)/);
  });
});
