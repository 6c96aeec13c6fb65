import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { dataOf, errorCode, getQuery, type RawResponse } from './support/api';
import { checkoutCalls, confirmationOf } from './support/checkout-api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

/** Rounds of each race, and payOrder calls per round. A couple of rounds use the 2 s card, so that attempts overlap a running charge. */
const ROUNDS = 8;
const SLOW_ROUNDS = 2;
const PAYERS = 4;

/**
 * One order, several payment attempts at once: the claim of an attempt is one conditional write, so
 * of concurrent payOrder calls (different keys: two tabs, two cards) exactly one runs and the others
 * get 409 ORDER_NOT_PAYABLE — never two charges. A cancel racing a payment: exactly one of them wins.
 * Every verdict is read from the database afterwards.
 */
describe.each(PROVIDERS)('racing payment attempts on one order, on %s', (provider) => {
  const shop = useShopApi(provider);
  const succeededCharges = () => shop.db.gatewayCharge.count({ where: { status: 'succeeded' } });
  const stockOf = async (id: string) => (await shop.db.product.findUniqueOrThrow({ where: { id } })).stock;
  const describeRound = (label: string, responses: RawResponse[]) => `${label}: ${responses.map((r) => `${r.status} ${r.status === 200 ? '' : errorCode(r.body)}`).join(', ')}`;

  it(`runs exactly one of ${PAYERS} concurrent payOrder calls per order (${ROUNDS} rounds, ${SLOW_ROUNDS} with the slow card)`, { timeout: 120_000 }, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const api = checkoutCalls(shop.url, await openSession(shop.url));
      const orderId = await api.declinedOrder(randomUUID(), 'ethiopia-guji');
      const stock = await stockOf('ethiopia-guji');
      const chargesBefore = await succeededCharges();
      const token = round <= SLOW_ROUNDS ? 'tok_slow' : 'tok_visa';

      const responses = await Promise.all(Array.from({ length: PAYERS }, () => api.pay(randomUUID(), orderId, token)));

      const outcome = describeRound(`round ${round} (${token})`, responses);
      expect(responses.filter((r) => r.status === 200), outcome).toHaveLength(1);
      for (const loser of responses.filter((r) => r.status !== 200)) expect([loser.status, errorCode(loser.body)], outcome).toEqual([409, 'ORDER_NOT_PAYABLE']);
      const order = await shop.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: { orderBy: { attempt: 'asc' } } } });
      expect([order.status, order.payingAttempt, order.paymentAttempts, order.payments.map((p) => p.status)], outcome).toEqual(['PAID', null, 2, ['DECLINED', 'SUCCEEDED']]);
      expect((await succeededCharges()) - chargesBefore, outcome).toBe(1);
      expect(await stockOf('ethiopia-guji'), outcome).toBe(stock); // taken once, when the order was placed
    }
  });

  it(`lets exactly one of a cancel and a payment win (${ROUNDS * 2} rounds)`, { timeout: 120_000 }, async () => {
    const winners = { cancel: 0, pay: 0 };
    for (let round = 1; round <= ROUNDS * 2; round++) {
      const cookie = await openSession(shop.url);
      const api = checkoutCalls(shop.url, cookie);
      const stockBefore = await stockOf('colombia-huila');
      const orderId = await api.declinedOrder(randomUUID(), 'colombia-huila', 2);
      const chargesBefore = await succeededCharges();

      // Sent in turns, cancel first then pay first, so that a database that serves requests in
      // arrival order (SQLite's one writer) shows both winners too.
      const sendCancel = () => api.cancel(randomUUID(), orderId);
      const sendPay = () => api.pay(randomUUID(), orderId, 'tok_visa');
      const [cancel, pay] = round % 2 === 1 ? await Promise.all([sendCancel(), sendPay()]) : await Promise.all([sendPay(), sendCancel()]).then(([p, c]) => [c, p] as const);

      const outcome = describeRound(`round ${round} cancel, pay`, [cancel, pay]);
      const order = await shop.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: { orderBy: { attempt: 'asc' } } } });
      const cart = dataOf<{ items: { productId: string; quantity: number }[] }>(await getQuery(shop.url, 'cart.get', { cookie }));
      if (cancel.status === 200) {
        winners.cancel++;
        expect([pay.status, errorCode(pay.body)], outcome).toEqual([409, 'ORDER_NOT_PAYABLE']);
        expect([order.status, order.payments.map((p) => p.status)], outcome).toEqual(['CANCELLED', ['DECLINED']]);
        expect((await succeededCharges()) - chargesBefore, outcome).toBe(0);
        expect(await stockOf('colombia-huila'), outcome).toBe(stockBefore);
        expect(cart.items.map((i) => [i.productId, i.quantity]), outcome).toEqual([['colombia-huila', 2]]);
      } else {
        winners.pay++;
        expect([pay.status, confirmationOf(pay).status, cancel.status, errorCode(cancel.body)], outcome).toEqual([200, 'PAID', 409, 'ORDER_NOT_CANCELLABLE']);
        expect([order.status, order.payments.map((p) => p.status)], outcome).toEqual(['PAID', ['DECLINED', 'SUCCEEDED']]);
        expect((await succeededCharges()) - chargesBefore, outcome).toBe(1);
        expect(await stockOf('colombia-huila'), outcome).toBe(stockBefore - 2);
        expect(cart.items, outcome).toEqual([]);
      }
    }
    console.info(`cancel vs pay on ${provider}: ${JSON.stringify(winners)}`);
  });
});
