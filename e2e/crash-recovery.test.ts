import { describe, expect, it } from 'vitest';
import { CRASH_POINTS } from '~/server/faults';
import { PROVIDERS } from '~/test/test-database';
import { order } from './support/api';
import { crashAt, crashWorldForEachTest, postUntilAnswered } from './support/crash-points';

/** Short enough that a retry can take over a dead owner's key within the test. */
const LOCK_TIMEOUT_MS = 1_000;
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) };

/** What the database holds right after the crash, before any retry: what each point leaves behind. */
const LEFT_BEHIND = {
  before_claim: { record: null, orders: [], charges: 0 },
  after_claim: { record: ['IN_PROGRESS', 'started'], orders: [], charges: 0 },
  mid_transaction: { record: ['IN_PROGRESS', 'started'], orders: [], charges: 0 },
  after_charge: { record: ['IN_PROGRESS', 'order_created'], orders: ['AWAITING_PAYMENT'], charges: 1 },
  after_commit: { record: ['COMPLETED', 'finished'], orders: ['PAID'], charges: 1 },
} as const;

describe.each(PROVIDERS)('SIGKILL at each crash point on %s', (provider) => {
  // Each crash point gets its own database, surviving server and session.
  const world = crashWorldForEachTest(provider, env);

  it.each(CRASH_POINTS)('%s: after restart and retries, one order, one charge, identical responses', async (point) => {
    const { database, survivor, cookie } = world();
    const request = { path: 'checkout.placeOrder', key: `crash-${point}`, body: order('baratza-encore'), cookie };
    const { key } = request;
    const chargesBefore = await database.db.gatewayCharge.count();
    const crash = await crashAt(point, database.url, env, request);
    expect(crash.lost).toBeInstanceOf(Error); // the connection died with the process
    expect(crash.exited).toBe('SIGKILL');
    const record = await database.db.idempotencyRecord.findFirst({ where: { key } });
    const ordersLeft = await database.db.order.findMany({ where: { idempotencyKey: key } });
    const chargesLeft = (await database.db.gatewayCharge.count()) - chargesBefore;
    expect({ record: record && [record.status, record.recoveryPoint], orders: ordersLeft.map((o) => o.status), charges: chargesLeft }).toEqual(LEFT_BEHIND[point]);

    const answers = [await postUntilAnswered(survivor.url, request), await postUntilAnswered(survivor.url, request)];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1]?.body).toBe(answers[0]?.body);
    expect(answers[1]?.headers.get('idempotent-replayed')).toBe('true');
    // Only a crash after the final commit leaves a response to replay; the others resume or restart.
    expect(answers[0]?.headers.get('idempotent-replayed')).toBe(point === 'after_commit' ? 'true' : null);

    const orders = await database.db.order.findMany({ where: { idempotencyKey: key }, include: { payments: true } });
    expect(orders.map((o) => [o.status, o.payments.map((p) => p.status)])).toEqual([['PAID', ['SUCCEEDED']]]);
    // What the card was charged, under any key: a retry that charged again under another key
    // would show here, where a lookup by the payment's own (unique) key could never see it.
    expect((await database.db.gatewayCharge.count()) - chargesBefore).toBe(1);
    const charges = await database.db.gatewayCharge.findMany(); // this test's own database: only its charges
    expect(charges.map((c) => [c.idempotencyKey, c.amountCents, c.status])).toEqual([[orders[0]?.payments[0]?.providerIdempotencyKey, orders[0]?.totalCents, 'succeeded']]);
    const completed = await database.db.idempotencyRecord.findFirstOrThrow({ where: { key } });
    expect(completed).toMatchObject({ status: 'COMPLETED', responseStatus: 200, responseBody: answers[0]?.body.replace(/^\{"result":\{"data":(.*)\}\}$/, '{"result":$1}') });
  });
});
