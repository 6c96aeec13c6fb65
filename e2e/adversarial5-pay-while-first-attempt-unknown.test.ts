import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { findMismatches } from '~/server/reconciliation/find-mismatches';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { dataOf, errorCode, getQuery, order, postMutation } from './support/api';
import { checkoutCalls, confirmationOf } from './support/checkout-api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

/** Long enough that the shopper acts while the first attempt's outcome is still unknown (its lock held). */
const LOCK_TIMEOUT_MS = 4_000;
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200' };

type Screen = { openOrder: { orderId: string } | null };

/**
 * placeOrder's own first attempt abandoned after its charge (the process SIGKILLed after the
 * provider answered, before the answer was recorded): the order awaits payment with attempt 1 being
 * charged. Meanwhile the shopper, who sees the order in their list, pays it with another card and
 * tries to cancel it. Neither may run while attempt 1's outcome is unknown (else a second charge on
 * an order the completer is about to mark PAID, or stock returned under a charge); the completer then
 * settles attempt 1, and only a decline opens the order to another card.
 */
describe.each(PROVIDERS)("paying again while placeOrder's first attempt is abandoned after its charge, on %s (real server processes)", (provider) => {
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

  it.each([
    ['tok_visa', 'PAID', ['SUCCEEDED'], [['tok_visa', 'succeeded']]],
    ['tok_chargeDeclined', 'AWAITING_PAYMENT', ['DECLINED'], [['tok_chargeDeclined', 'declined']]],
  ] as const)('first card %s: payOrder and cancelOrder get 409 until the completer settles it (%s); then one charge at most per outcome', { timeout: 90_000 }, async (token, settled, attempts, charges) => {
    const victim = await startServerProcess(database.url, { ...env, IDEM_CRASH_AT: 'after_charge' });
    const lost = await postMutation(victim.url, 'checkout.placeOrder', { key: 'first-attempt', body: order('baratza-encore', 1, token), cookie }).catch((error: Error) => error);
    expect(lost).toBeInstanceOf(Error);
    expect(await victim.exited).toBe('SIGKILL');
    const placed = await database.db.order.findFirstOrThrow({ where: { idempotencyKey: 'first-attempt' } });
    expect([placed.status, placed.payingAttempt]).toEqual(['AWAITING_PAYMENT', 1]);

    // The shopper acts while attempt 1 is unknown: another card, then a cancel. Both refused.
    const api = checkoutCalls(survivor.url, cookie);
    const early = await api.pay('second-card-early', placed.id, 'tok_mastercard');
    const cancel = await api.cancel('cancel-early', placed.id);
    expect([early.status, errorCode(early.body), cancel.status, errorCode(cancel.body)]).toEqual([409, 'ORDER_NOT_PAYABLE', 409, 'ORDER_NOT_CANCELLABLE']);
    // Not offered for another card while being charged.
    expect(dataOf<Screen>(await getQuery(survivor.url, 'checkout.screen', { cookie })).openOrder).toBeNull();
    expect(await database.db.product.findUniqueOrThrow({ where: { id: 'baratza-encore' } }).then((p) => p.stock)).toBe(11);

    // The completer settles attempt 1 from the charge the provider already made.
    await expect.poll(async () => (await database.db.order.findUniqueOrThrow({ where: { id: placed.id } })).payingAttempt, { timeout: 30_000, interval: 100 }).toBeNull();
    const after = await database.db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { payments: { orderBy: { attempt: 'asc' } } } });
    expect([after.status, after.payments.map((p) => p.status)]).toEqual([settled, attempts]);

    // The early payment's key replays its 409: it never becomes a charge.
    const replayed = await api.pay('second-card-early', placed.id, 'tok_mastercard');
    expect([replayed.status, replayed.headers.get('idempotent-replayed')]).toEqual([409, 'true']);

    // A new key: paid now if attempt 1 was declined, refused if it was paid.
    const later = await api.pay(randomUUID(), placed.id, 'tok_mastercard');
    if (settled === 'PAID') expect([later.status, errorCode(later.body)]).toEqual([409, 'ORDER_NOT_PAYABLE']);
    else expect([later.status, confirmationOf(later).status]).toEqual([200, 'PAID']);

    const ledger = (await database.db.gatewayCharge.findMany({ orderBy: { createdAt: 'asc' } })).map((c) => [c.token, c.status]);
    expect(ledger).toEqual(settled === 'PAID' ? charges : [...charges, ['tok_mastercard', 'succeeded']]);
    expect(await database.db.product.findUniqueOrThrow({ where: { id: 'baratza-encore' } }).then((p) => p.stock)).toBe(11);
    expect(await database.db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } })).toBe(0);
    expect(await findMismatches(database.db, { graceMs: 0, now: () => new Date(Date.now() + 1_000) })).toEqual([]);
  });
});
