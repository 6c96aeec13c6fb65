import { describe, expect, it } from 'vitest';
import { idempotencyCompleter } from './idempotencyCompleter.js';
import { memoryLeases } from './memoryLeases.js';
import type { AbandonedRecord } from './store.js';
import { createPhasedApp } from './test-utils/phasedApp.js';

// Adversarial review: a request with committed phases is resumed after its TTL (as documented:
// "resumed, never restarted"). The resumed request completes with the record's ORIGINAL expiry,
// already in the past — so the very next duplicate deletes it and starts afresh.

const LOCK_TIMEOUT_MS = 1_000;
const TTL_MS = 10_000;

function manualClock() {
  let ms = Date.parse('2030-01-01T00:00:00Z');
  return { now: () => new Date(ms), advance: (by: number) => (ms += by) };
}

/** A checkout that reserved, then failed before the charge; its key is kept by the client (unknown outcome). */
async function unfinishedCheckout() {
  const clock = manualClock();
  const app = createPhasedApp({ now: clock.now, lockTimeoutMs: LOCK_TIMEOUT_MS, ttlMs: TTL_MS });
  app.failNext('gateway_down');
  const first = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
  expect(first.status).toBe(503);
  expect(first.body.error?.data.retryable).toBe(true);
  return { app, clock };
}

describe('adversarial: a key resumed after its TTL', () => {
  it('a retry that resumes a request past its TTL leaves a key the next duplicate replays, and charges once', async () => {
    const { app, clock } = await unfinishedCheckout();
    clock.advance(TTL_MS + 1);

    const resumed = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
    expect(resumed.status).toBe(200);
    // The answer was lost on the way back (a timeout): the client sends the same request again.
    const duplicate = await app.call('checkout', { key: 'k1', body: { amount: 7 } });

    expect({ reservations: app.reservations, charges: [...app.charges.values()] }).toEqual({ reservations: ['k1'], charges: ['ch_1'] });
    expect(duplicate.replayed).toBe(true);
    expect(duplicate.text).toBe(resumed.text);
  });

  it('the completer finishing a request past its TTL does not sweep it in the same run: the client retry replays', async () => {
    const { app, clock } = await unfinishedCheckout();
    const resume = (record: AbandonedRecord) => app.call(record.procedure, { key: record.key, user: record.scope, body: JSON.parse(record.input ?? 'null') });
    const completer = idempotencyCompleter({ store: app.store, leases: memoryLeases(), resume, now: clock.now });
    // The completer could not run for a while (every instance down, or the lease stuck).
    clock.advance(TTL_MS + 1);
    await completer.runOnce();

    // The client kept the key (its outcome was unknown) and retries now.
    const retry = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
    expect(retry.status).toBe(200);
    expect({ reservations: app.reservations, charges: [...app.charges.values()] }).toEqual({ reservations: ['k1'], charges: ['ch_1'] });
    expect(retry.replayed).toBe(true);
  });

  it('a request resumed past its TTL is remembered for another TTL once it completes', async () => {
    const { app, clock } = await unfinishedCheckout();
    clock.advance(TTL_MS + 1);
    const req = await app.call('checkout', { key: 'k1', body: { amount: 7 } });
    expect(req.status).toBe(200);
    const record = await app.store.find({ scope: 'alice', key: 'k1' });
    expect(record?.expiresAt.getTime()).toBeGreaterThan(clock.now().getTime());
  });
});
