import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { CRASH_POINTS } from '~/server/faults';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { postMutation, type RawResponse } from './support/api';
import { checkoutCalls } from './support/checkout-api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

/** Short enough that a retry, or the completer, can take over a dead owner's key within the test. */
const LOCK_TIMEOUT_MS = 1_000;
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200' };

/** What the database holds right after the crash, before any retry: the order's status, paying attempt, and its attempts. */
const LEFT_BEHIND = {
  before_claim: { record: null, order: ['AWAITING_PAYMENT', null], attempts: ['DECLINED'], succeededCharges: 0 },
  after_claim: { record: ['IN_PROGRESS', 'started'], order: ['AWAITING_PAYMENT', null], attempts: ['DECLINED'], succeededCharges: 0 },
  mid_transaction: { record: ['IN_PROGRESS', 'started'], order: ['AWAITING_PAYMENT', null], attempts: ['DECLINED'], succeededCharges: 0 },
  after_charge: { record: ['IN_PROGRESS', 'attempt_claimed'], order: ['AWAITING_PAYMENT', 2], attempts: ['DECLINED', 'PENDING'], succeededCharges: 1 },
  after_commit: { record: ['COMPLETED', 'finished'], order: ['PAID', null], attempts: ['DECLINED', 'SUCCEEDED'], succeededCharges: 1 },
} as const;

/** A client that retries as the link does: after a dropped connection, and after 409 once Retry-After has passed. */
async function payUntilAnswered(url: string, key: string, body: object, cookie: string): Promise<RawResponse> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const response = await postMutation(url, 'checkout.payOrder', { key, body, cookie }).catch(() => null);
    if (response && response.status !== 409) return response;
    const retryAfterMs = Number(response?.headers.get('retry-after') ?? 0) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(retryAfterMs, 100)));
  }
  throw new Error(`no answer for ${key} after 20 attempts`);
}

describe.each(PROVIDERS)('payOrder SIGKILLed at each crash point on %s', (provider) => {
  let database: TestDatabase;
  let survivor: ServerProcess;
  let cookie: string;
  let orderId: string;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    survivor = await startServerProcess(database.url, env);
    cookie = await openSession(survivor.url);
    orderId = await checkoutCalls(survivor.url, cookie).declinedOrder('declined-first', 'baratza-encore');
  });
  afterEach(async () => {
    await survivor?.stop();
    await database?.drop();
  });

  const state = async (key: string) => {
    const record = await database.db.idempotencyRecord.findFirst({ where: { key } });
    const order = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: { orderBy: { attempt: 'asc' } } } });
    return {
      record: record && [record.status, record.recoveryPoint],
      order: [order.status, order.payingAttempt],
      attempts: order.payments.map((p) => p.status),
      succeededCharges: await database.db.gatewayCharge.count({ where: { status: 'succeeded' } }),
    };
  };

  it.each(CRASH_POINTS)('%s: after restart and retries, the order PAID by one attempt and one charge, identical responses', async (point) => {
    const key = `pay-crash-${point}`;
    const body = { orderId, payment: { token: 'tok_visa' } };
    const victim = await startServerProcess(database.url, { ...env, IDEM_CRASH_AT: point });
    const lost = await postMutation(victim.url, 'checkout.payOrder', { key, body, cookie }).catch((error: Error) => error);
    expect(lost).toBeInstanceOf(Error); // the connection died with the process
    expect(await victim.exited).toBe('SIGKILL');
    expect(await state(key)).toEqual(LEFT_BEHIND[point]);

    const answers = [await payUntilAnswered(survivor.url, key, body, cookie), await payUntilAnswered(survivor.url, key, body, cookie)];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1]?.body).toBe(answers[0]?.body);
    expect(answers[1]?.headers.get('idempotent-replayed')).toBe('true');
    expect(await state(key)).toEqual({ record: ['COMPLETED', 'finished'], order: ['PAID', null], attempts: ['DECLINED', 'SUCCEEDED'], succeededCharges: 1 });
    // Every charge of the order, under any key: the declined first attempt and one success.
    expect((await database.db.gatewayCharge.findMany({ orderBy: { createdAt: 'asc' } })).map((c) => [c.token, c.status])).toEqual([
      ['tok_chargeDeclined', 'declined'],
      ['tok_visa', 'succeeded'],
    ]);
  });

  it('after_charge without any retry: the completer settles the attempt, PAID with one charge, and a late retry replays it', async () => {
    const key = 'pay-crash-completer';
    const body = { orderId, payment: { token: 'tok_visa' } };
    const victim = await startServerProcess(database.url, { ...env, IDEM_CRASH_AT: 'after_charge' });
    await postMutation(victim.url, 'checkout.payOrder', { key, body, cookie }).catch(() => null);
    expect(await victim.exited).toBe('SIGKILL');

    await expect.poll(async () => (await state(key)).order, { timeout: 20_000, interval: 100 }).toEqual(['PAID', null]);
    expect(await state(key)).toEqual({ record: ['COMPLETED', 'finished'], order: ['PAID', null], attempts: ['DECLINED', 'SUCCEEDED'], succeededCharges: 1 });
    const late = await postMutation(survivor.url, 'checkout.payOrder', { key, body, cookie });
    expect([late.status, late.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(await database.db.gatewayCharge.count({ where: { status: 'succeeded' } })).toBe(1);
  });
});
