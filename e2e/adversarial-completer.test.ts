import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { catalog } from '../prisma/catalog';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review: the completer used to count every failed resumption, transient ones included,
// and flag the record for an operator after five — about one minute of gateway outage at the default
// interval. A flagged record was never resumed again: the card was charged (the gateway recorded the
// charge and lost its answer), the order stayed AWAITING_PAYMENT and its stock stayed held.
// Transient failures now never count: an outage is waited out, however long.

const LOCK_TIMEOUT_MS = 1_000;
const INTERVAL_MS = 200;
const OPS_TOKEN = 'ops-token-for-tests-0123456789-abcdef';
// The outage is gateway chaos, which the server allows only with ENABLE_GATEWAY_CHAOS=1, and
// which only the operator (OPS_TOKEN) can end.
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: String(INTERVAL_MS), ENABLE_GATEWAY_CHAOS: '1', GATEWAY_FAILURE_RATE: '1', OPS_TOKEN, PAYMENT_BREAKER_HALF_OPEN_MS: '500' };
const WITHIN = { timeout: 20_000, interval: 100 };

describe.each(PROVIDERS)('the completer after a gateway outage on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('an order abandoned during an outage longer than five completer runs is never flagged, and is finished once the gateway is back', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, env);
    const cookie = await openSession(server.url);

    const abandoned = await postMutation(server.url, 'checkout.placeOrder', { key: 'outage-1', body: order('limited-gesha', 3), cookie });
    expect(abandoned.status).toBe(503);
    expect(errorCode(abandoned.body)).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    // The outage lasts more than five completer runs: each run renews the lease, so count renewals.
    const renewals = new Set<number>();
    await expect
      .poll(async () => {
        const lease = await database!.db.lease.findUnique({ where: { name: 'idempotency-completer' } });
        if (lease) renewals.add(lease.expiresAt.getTime());
        return renewals.size;
      }, WITHIN)
      .toBeGreaterThan(6);
    const during = await database.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'outage-1' } });
    expect(during).toMatchObject({ status: 'IN_PROGRESS', flaggedAt: null, completionAttempts: 0 });
    const back = await postMutation(server.url, 'ops.setGatewayChaos', { body: { latencyMs: 0, failureRate: 0 }, headers: { authorization: `Bearer ${OPS_TOKEN}` } });
    expect(back.status).toBe(200);

    // Within the lock timeout plus a few runs, the order must be settled without the client.
    await expect
      .poll(async () => (await database!.db.order.findFirstOrThrow({ where: { idempotencyKey: 'outage-1' } })).status, { timeout: LOCK_TIMEOUT_MS + 20 * INTERVAL_MS, interval: 100 })
      .toBe('PAID');
    expect(await database.db.gatewayCharge.count({ where: { status: 'succeeded' } })).toBe(1);
    const seeded = catalog.find((p) => p.id === 'limited-gesha')!.stock;
    expect((await database.db.product.findUniqueOrThrow({ where: { id: 'limited-gesha' } })).stock).toBe(seeded - 3);
  });
});
