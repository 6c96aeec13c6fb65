import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review. docs/API.md: a key older than its TTL "whose request committed work but has
// no outcome yet" is "resumed, never restarted: starting afresh would charge a second time". The
// resumed request completes with the record's original expiry — already past — so the next
// duplicate (a client whose answer was lost, or the sweeper first) forgets the key and runs afresh.

const LOCK_TIMEOUT_MS = 1_000;
const TTL_MS = 2_000;
// The completer stays out of the way: this is about a client retry that comes after the TTL.
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), IDEMPOTENCY_TTL_MS: String(TTL_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: '3600000' };

describe.each(PROVIDERS)('a key resumed after its TTL on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('a resumed request past its TTL, retried once more, is replayed: one order, one charge', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, env);
    const cookie = await openSession(server.url);
    const body = order('hario-v60', 1, 'tok_failThenSucceed');

    const first = await postMutation(server.url, 'checkout.placeOrder', { key: 'late-1', body, cookie });
    expect(first.status).toBe(503);
    expect(errorCode(first.body)).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    const { expiresAt } = await database.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'late-1' } });
    // The client comes back after the key's TTL (its outcome was unknown, so it kept the key).
    await expect.poll(() => Date.now() > expiresAt.getTime() + 50, { timeout: 10_000, interval: 100 }).toBe(true);

    const resumed = await postMutation(server.url, 'checkout.placeOrder', { key: 'late-1', body, cookie });
    expect(resumed.status).toBe(200);
    // Its answer was lost on the way back: the client sends the same request again.
    const again = await postMutation(server.url, 'checkout.placeOrder', { key: 'late-1', body, cookie });

    const charges = await database.db.gatewayCharge.findMany({ where: { status: 'succeeded' } });
    const orders = await database.db.order.findMany({ where: { idempotencyKey: 'late-1' } });
    expect({ orders: orders.length, charges: charges.length }).toEqual({ orders: 1, charges: 1 });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toBe(resumed.body);
  });
});
