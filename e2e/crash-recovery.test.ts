import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { CRASH_POINTS } from '~/server/faults';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order, postMutation, type RawResponse } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

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

/** A client that retries as the link does: after a dropped connection, and after 409 once Retry-After has passed. */
async function placeUntilAnswered(url: string, key: string, body: object, cookie: string): Promise<RawResponse> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const response = await postMutation(url, 'checkout.placeOrder', { key, body, cookie }).catch(() => null);
    if (response && response.status !== 409) return response;
    const retryAfterMs = Number(response?.headers.get('retry-after') ?? 0) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(retryAfterMs, 100)));
  }
  throw new Error(`no answer for ${key} after 20 attempts`);
}

describe.each(PROVIDERS)('SIGKILL at each crash point on %s', (provider) => {
  // Each crash point gets its own database, surviving server and session: nothing one test leaves
  // behind (a stuck key, a charge, a lower stock) can change what the next one sees.
  let database: TestDatabase;
  let survivor: ServerProcess;
  let cookie: string;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    survivor = await startServerProcess(database.url, env);
    cookie = await openSession(survivor.url);
  });
  afterEach(async () => {
    await survivor?.stop();
    await database?.drop();
  });

  it.each(CRASH_POINTS)('%s: after restart and retries, one order, one charge, identical responses', async (point) => {
    const key = `crash-${point}`;
    const body = order('baratza-encore');
    const chargesBefore = await database.db.gatewayCharge.count();
    const victim = await startServerProcess(database.url, { ...env, IDEM_CRASH_AT: point });
    const lost = await postMutation(victim.url, 'checkout.placeOrder', { key, body, cookie }).catch((error: Error) => error);
    expect(lost).toBeInstanceOf(Error); // the connection died with the process
    expect(await victim.exited).toBe('SIGKILL');
    const record = await database.db.idempotencyRecord.findFirst({ where: { key } });
    const ordersLeft = await database.db.order.findMany({ where: { idempotencyKey: key } });
    const chargesLeft = (await database.db.gatewayCharge.count()) - chargesBefore;
    expect({ record: record && [record.status, record.recoveryPoint], orders: ordersLeft.map((o) => o.status), charges: chargesLeft }).toEqual(LEFT_BEHIND[point]);

    const answers = [await placeUntilAnswered(survivor.url, key, body, cookie), await placeUntilAnswered(survivor.url, key, body, cookie)];
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
