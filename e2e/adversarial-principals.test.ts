import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { dataOf, order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review: the completer acts for the principal of each record. Two sessions that
// abandon a request under the same key must each get their own order, finished as themselves.

const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: '1000', IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200' };
const WITHIN = { timeout: 20_000, interval: 100 };

describe.each(PROVIDERS)('one key abandoned by two sessions on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('the completer finishes each as its own principal; each session replays only its own order', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, env);
    const [alice, bob] = [await openSession(server.url), await openSession(server.url)];
    const place = (cookie: string, productId: string) => postMutation(server!.url, 'checkout.placeOrder', { key: 'same', body: order(productId, 1, 'tok_failThenSucceed'), cookie });
    expect([(await place(alice, 'hario-v60')).status, (await place(bob, 'knock-box')).status]).toEqual([503, 503]);

    await expect.poll(() => database!.db.idempotencyRecord.count({ where: { key: 'same', status: 'COMPLETED' } }), WITHIN).toBe(2);
    const [mine, theirs] = [await place(alice, 'hario-v60'), await place(bob, 'knock-box')];
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    const [a, b] = [dataOf<{ orderId: string; items: { productId: string }[] }>(mine), dataOf<{ orderId: string; items: { productId: string }[] }>(theirs)];
    expect([a.items[0]?.productId, b.items[0]?.productId]).toEqual(['hario-v60', 'knock-box']);
    const orders = await database.db.order.findMany({ where: { id: { in: [a.orderId, b.orderId] } }, orderBy: { createdAt: 'asc' } });
    expect(new Set(orders.map((o) => o.sessionId)).size).toBe(2);
    expect(orders.map((o) => o.status)).toEqual(['PAID', 'PAID']);
    expect(await database.db.gatewayCharge.count()).toBe(2);
  });
});
