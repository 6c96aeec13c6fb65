import { describe, expect, it, vi } from 'vitest';

// A short lock, read by the idempotency middleware when its module loads: set before any import.
const { LOCK_TIMEOUT_MS } = vi.hoisted(() => {
  process.env.IDEMPOTENCY_LOCK_TIMEOUT_MS = '2000';
  return { LOCK_TIMEOUT_MS: 2_000 };
});

import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi } from '~/server/http/serve-api';
import type { ChargeRequest, PaymentGateway } from '~/server/payments/payment-gateway';
import { simulatedGateway } from '~/server/payments/simulated-gateway';
import { findMismatches } from '~/server/reconciliation/find-mismatches';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';
import { errorCode, postMutation } from './support/api';
import { checkoutCalls, confirmationOf } from './support/checkout-api';
import { openSession } from './support/session';

/**
 * The simulated gateway, except that the first charge of `token` is answered late: the provider
 * records it at once, and its answer reaches the shop only when the test says so — a slow provider
 * node, while the retry's call to the same key is answered at once.
 */
function slowFirstAnswer(inner: PaymentGateway, token: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let charged!: () => void;
  const firstCharged = new Promise<void>((resolve) => (charged = resolve));
  let first = true;
  const gateway: PaymentGateway = {
    name: inner.name,
    async charge(request: ChargeRequest) {
      const result = await inner.charge(request);
      if (request.token === token && first) {
        first = false;
        charged();
        await released;
      }
      return result;
    },
  };
  return { gateway, firstCharged, release };
}

/**
 * Fencing runs after the work now (prismaStore `fencedOnce`). A payer whose lock was taken over
 * while its provider answered slowly runs its settlement against an order the retry has already
 * settled: `settleAttempt` throws "not being paid by attempt n: it was settled already" before the
 * fencing write is reached, so the request is answered 500 instead of the stored answer — where the
 * touch-first fence answered it as a duplicate (the stored 200 or 402, replayed), as `idempotency()` promises after a
 * lost lock.
 */
describe.each(PROVIDERS)('a payer whose lock was taken over while its provider answered slowly, on %s', (provider) => {
  it.each([
    ['tok_visa', 200, 'PAID', ['DECLINED', 'SUCCEEDED'], 1],
    ['tok_chargeDeclinedInsufficientFunds', 402, 'AWAITING_PAYMENT', ['DECLINED', 'DECLINED'], 0],
  ] as const)('card %s: is answered with what the retry stored (%i, replayed), not a 500; the attempt settled once', { timeout: 60_000 }, async (token, status, orderStatus, attempts, succeeded) => {
    const database = await createTestDatabase(provider);
    await seed(database.db);
    const slow = slowFirstAnswer(simulatedGateway(database.db), token);
    const api = await serveApi({ db: database.db, payments: slow.gateway, env: readServerEnv({ ...process.env, API_REQUEST_TIMEOUT_MS: '60000' }) });
    try {
      const cookie = await openSession(api.url);
      const orderId = await checkoutCalls(api.url, cookie).declinedOrder('first-card', 'ethiopia-guji');
      const key = 'second-card';
      const body = { orderId, payment: { token } };

      // The payer claims attempt 2 and charges; the provider's answer is held.
      const payer = postMutation(api.url, 'checkout.payOrder', { key, body, cookie });
      await slow.firstCharged;
      // Its lock runs out while it waits (LOCK_TIMEOUT_MS after the attempt_claimed phase).
      await expect
        .poll(async () => ((await database.db.idempotencyRecord.findFirstOrThrow({ where: { key } })).lockedUntil?.getTime() ?? 0) < Date.now(), {
          timeout: LOCK_TIMEOUT_MS * 5,
          interval: 50,
        })
        .toBe(true);

      // The client's retry takes the key over, charges the same key (the provider's first charge) and settles.
      const retry = await postMutation(api.url, 'checkout.payOrder', { key, body, cookie, headers: { 'idempotency-attempt': '2' } });
      expect(retry.status).toBe(status);
      if (status === 200) expect(confirmationOf(retry).status).toBe('PAID');
      else expect(errorCode(retry.body)).toBe('PAYMENT_DECLINED');

      // Now the stalled payer gets its answer and tries to settle an attempt that is settled.
      slow.release();
      const stalled = await payer;
      const seen = { status: stalled.status, replayed: stalled.headers.get('idempotent-replayed') };
      expect.soft(seen, stalled.body).toEqual({ status, replayed: 'true' });
      expect.soft(stalled.body).toBe(retry.body);

      // Whatever either answered (soft checks above), the books: attempt 2 settled once, at most one succeeded charge.
      const order = await database.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: { orderBy: { attempt: 'asc' } } } });
      expect([order.status, order.payingAttempt, order.payments.map((p) => p.status)]).toEqual([orderStatus, null, attempts]);
      expect(await database.db.gatewayCharge.count({ where: { status: 'succeeded' } })).toBe(succeeded);
      expect(await database.db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } })).toBe(0);
      expect(await findMismatches(database.db, { graceMs: 0, now: () => new Date(Date.now() + 1_000) })).toEqual([]);
    } finally {
      slow.release();
      await api.close();
      await database.drop();
    }
  });
});
