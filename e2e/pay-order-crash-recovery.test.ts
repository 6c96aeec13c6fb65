import { beforeEach, describe, expect, it } from 'vitest';
import { CRASH_POINTS } from '~/server/faults';
import { PROVIDERS } from '~/test/test-database';
import { postMutation } from './support/api';
import { checkoutCalls } from './support/checkout-api';
import { crashAt, crashWorldForEachTest, postUntilAnswered } from './support/crash-points';

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

describe.each(PROVIDERS)('payOrder SIGKILLed at each crash point on %s', (provider) => {
  const world = crashWorldForEachTest(provider, env);
  let orderId: string;
  beforeEach(async () => {
    const { survivor, cookie } = world();
    orderId = await checkoutCalls(survivor.url, cookie).declinedOrder('declined-first', 'baratza-encore');
  });

  const state = async (key: string) => {
    const { database } = world();
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
    const { database, survivor, cookie } = world();
    const request = { path: 'checkout.payOrder', key: `pay-crash-${point}`, body: { orderId, payment: { token: 'tok_visa' } }, cookie };
    const { key } = request;
    const crash = await crashAt(point, database.url, env, request);
    expect(crash.lost).toBeInstanceOf(Error); // the connection died with the process
    expect(crash.exited).toBe('SIGKILL');
    expect(await state(key)).toEqual(LEFT_BEHIND[point]);

    const answers = [await postUntilAnswered(survivor.url, request), await postUntilAnswered(survivor.url, request)];
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
    const { database, survivor, cookie } = world();
    const request = { path: 'checkout.payOrder', key: 'pay-crash-completer', body: { orderId, payment: { token: 'tok_visa' } }, cookie };
    const { key } = request;
    expect((await crashAt('after_charge', database.url, env, request)).exited).toBe('SIGKILL');

    await expect.poll(async () => (await state(key)).order, { timeout: 20_000, interval: 100 }).toEqual(['PAID', null]);
    expect(await state(key)).toEqual({ record: ['COMPLETED', 'finished'], order: ['PAID', null], attempts: ['DECLINED', 'SUCCEEDED'], succeededCharges: 1 });
    const late = await postMutation(survivor.url, request.path, request);
    expect([late.status, late.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    expect(await database.db.gatewayCharge.count({ where: { status: 'succeeded' } })).toBe(1);
  });
});
