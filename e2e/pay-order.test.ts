import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_PAYMENT_ATTEMPTS } from '~/server/checkout/payment-attempt';
import { PROVIDERS } from '~/test/test-database';
import { dataOf, detailsOf, errorCode, getQuery, postMutation } from './support/api';
import { checkoutCalls, confirmationOf, type Confirmation } from './support/checkout-api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

type Screen = { cart: { version: number; items: { productId: string; name: string; imageUrl: string | null; quantity: number }[] }; country: string; quote: Record<string, number | string>; countries: { code: string }[]; testCards: { token: string }[]; openOrder: Confirmation | null };

describe.each(PROVIDERS)('paying an order again after a decline, on %s', (provider) => {
  const shop = useShopApi(provider);
  const stockOf = async (id: string) => (await shop.db.product.findUniqueOrThrow({ where: { id } })).stock;
  const screenOf = async (cookie: string, country?: string) => dataOf<Screen>(await getQuery(shop.url, 'checkout.screen', { cookie, input: country ? { country } : undefined }));

  it('declined, then paid with another card: one order, attempts [DECLINED, SUCCEEDED], one succeeded charge, stock taken once', async () => {
    const me = await openSession(shop.url);
    const api = checkoutCalls(shop.url, me);
    const stock = await stockOf('chemex-6cup');
    const charges = await shop.db.gatewayCharge.count({ where: { status: 'succeeded' } });
    const orderId = await api.declinedOrder(`decline-${provider}`, 'chemex-6cup', 2);
    expect((await screenOf(me)).openOrder).toMatchObject({ orderId, status: 'AWAITING_PAYMENT', payment: { status: 'DECLINED', declineCode: 'generic_decline' } });

    const paid = await api.pay(`pay-${provider}`, orderId, 'tok_mastercard');
    expect(paid.status).toBe(200);
    const confirmation = confirmationOf(paid);
    expect(confirmation).toMatchObject({ orderId, status: 'PAID', payment: { status: 'SUCCEEDED', declineCode: null }, paidAt: expect.any(String) });
    expect(confirmation.payments.map(({ attempt, status, cardBrand, cardLast4, declineCode }) => [attempt, status, cardBrand, cardLast4, declineCode])).toEqual([
      [1, 'DECLINED', 'Visa', '0002', 'generic_decline'],
      [2, 'SUCCEEDED', 'Mastercard', '4444', null],
    ]);
    expect(await shop.db.order.count({ where: { sessionId: sessionOf(me) } })).toBe(1);
    expect(await shop.db.payment.count({ where: { orderId } })).toBe(2);
    expect(await shop.db.gatewayCharge.count({ where: { status: 'succeeded' } })).toBe(charges + 1);
    const payment = await shop.db.payment.findFirstOrThrow({ where: { orderId, status: 'SUCCEEDED' } });
    expect(await shop.db.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: payment.providerIdempotencyKey } })).toMatchObject({ status: 'succeeded', amountCents: confirmation.totalCents });
    expect(await stockOf('chemex-6cup')).toBe(stock - 2);
    expect(dataOf(await getQuery(shop.url, 'orders.byId', { input: { orderId }, cookie: me }))).toEqual(confirmation);
    expect((await screenOf(me)).openOrder).toBeNull();
  });

  it('refuses a new order without contact or shipping address: 400 CHECKOUT_DETAILS_REQUIRED, nothing reserved or charged', async () => {
    const me = await openSession(shop.url);
    const stock = await stockOf('kinto-mug');
    const charges = await shop.db.gatewayCharge.count();
    for (const body of [
      { items: [{ productId: 'kinto-mug', quantity: 1 }], payment: { token: 'tok_visa' } },
      { items: [{ productId: 'kinto-mug', quantity: 1 }], contact: { email: 'ada@example.com' }, payment: { token: 'tok_visa' } },
    ]) {
      const refused = await postMutation(shop.url, 'checkout.placeOrder', { key: randomUUID(), body, cookie: me });
      expect([refused.status, errorCode(refused.body)]).toEqual([400, 'CHECKOUT_DETAILS_REQUIRED']);
    }
    expect(await shop.db.order.count({ where: { sessionId: sessionOf(me) } })).toBe(0);
    expect([await stockOf('kinto-mug'), await shop.db.gatewayCharge.count()]).toEqual([stock, charges]);
  });

  it(`stops card testing: after ${MAX_PAYMENT_ATTEMPTS} attempts on one order, 409 PAYMENT_ATTEMPTS_EXHAUSTED and nothing charged; cancelling still works`, async () => {
    const me = await openSession(shop.url);
    const api = checkoutCalls(shop.url, me);
    const orderId = await api.declinedOrder(randomUUID(), 'kinto-mug');
    for (let attempt = 2; attempt <= MAX_PAYMENT_ATTEMPTS; attempt++) expect((await api.pay(randomUUID(), orderId, 'tok_chargeDeclined')).status).toBe(402);
    const charges = await shop.db.gatewayCharge.count();
    const refused = await api.pay(randomUUID(), orderId, 'tok_visa');
    expect([refused.status, errorCode(refused.body)]).toEqual([409, 'PAYMENT_ATTEMPTS_EXHAUSTED']);
    expect(detailsOf(refused)).toMatchObject({ orderId, attempts: MAX_PAYMENT_ATTEMPTS });
    expect(await shop.db.gatewayCharge.count()).toBe(charges);
    expect(await shop.db.payment.count({ where: { orderId } })).toBe(MAX_PAYMENT_ATTEMPTS);
    expect((await api.cancel(randomUUID(), orderId)).status).toBe(200);
  });

  it('replays a payOrder retried with the same key, byte for byte, and charges once', async () => {
    const api = checkoutCalls(shop.url, await openSession(shop.url));
    const orderId = await api.declinedOrder(`replay-decline-${provider}`, 'kinto-mug');
    const charges = await shop.db.gatewayCharge.count();
    const first = await api.pay(`replay-pay-${provider}`, orderId, 'tok_visa');
    const again = await api.pay(`replay-pay-${provider}`, orderId, 'tok_visa');
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(again.body).toBe(first.body);
    expect(await shop.db.gatewayCharge.count()).toBe(charges + 1);
    // A new key on the paid order is another request, refused: nothing to pay.
    const late = await api.pay(`replay-pay-2-${provider}`, orderId, 'tok_visa');
    expect([late.status, errorCode(late.body), detailsOf(late)]).toEqual([409, 'ORDER_NOT_PAYABLE', expect.objectContaining({ orderId, status: 'PAID' })]);
    expect(await shop.db.gatewayCharge.count()).toBe(charges + 1);
  });

  it('keeps declining in the shopper’s words, and stores each decline with its key', async () => {
    const api = checkoutCalls(shop.url, await openSession(shop.url));
    const orderId = await api.declinedOrder(`poor-decline-${provider}`, 'v60-filters');
    const declined = await api.pay(`poor-pay-${provider}`, orderId, 'tok_chargeDeclinedInsufficientFunds');
    const replay = await api.pay(`poor-pay-${provider}`, orderId, 'tok_chargeDeclinedInsufficientFunds');
    expect([declined.status, errorCode(declined.body), replay.body]).toEqual([402, 'PAYMENT_DECLINED', declined.body]);
    expect(JSON.parse(declined.body).error.message).toBe('Your card has insufficient funds. Try another card.');
    expect(detailsOf(declined)).toEqual({ orderId, orderNumber: expect.stringMatching(/^IDM-/), declineCode: 'insufficient_funds' });
    const order = await shop.db.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: { orderBy: { attempt: 'asc' } } } });
    expect([order.status, order.paymentAttempts, order.payingAttempt, order.payments.map((p) => [p.status, p.cardLast4])]).toEqual([
      'AWAITING_PAYMENT',
      2,
      null,
      [['DECLINED', '0002'], ['DECLINED', '9995']],
    ]);
  });

  it("answers another session's order with 404 and a missing one too, for pay and cancel alike", async () => {
    const orderId = await checkoutCalls(shop.url, await openSession(shop.url)).declinedOrder(`mine-${provider}`, 'knock-box');
    const stranger = checkoutCalls(shop.url, await openSession(shop.url));
    for (const response of [await stranger.pay(randomUUID(), orderId, 'tok_visa'), await stranger.cancel(randomUUID(), orderId), await stranger.pay(randomUUID(), 'no-such-order', 'tok_visa')]) {
      expect([response.status, errorCode(response.body)]).toEqual([404, 'ORDER_NOT_FOUND']);
    }
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'AWAITING_PAYMENT', paymentAttempts: 1 });
  });

  it('cancels once: stock and lines back, a replay of the same key, and 409 for a new key or a payment after it', async () => {
    const me = await openSession(shop.url);
    const api = checkoutCalls(shop.url, me);
    const stock = await stockOf('espresso-blend');
    const orderId = await api.declinedOrder(`cancel-decline-${provider}`, 'espresso-blend', 2);
    const cancelled = await api.cancel(`cancel-${provider}`, orderId);
    const replay = await api.cancel(`cancel-${provider}`, orderId);
    expect([cancelled.status, confirmationOf(cancelled).status, replay.body, replay.headers.get('idempotent-replayed')]).toEqual([200, 'CANCELLED', cancelled.body, 'true']);
    expect(await stockOf('espresso-blend')).toBe(stock);
    expect((await screenOf(me)).cart.items.map((i) => [i.productId, i.quantity])).toEqual([['espresso-blend', 2]]);
    const again = await api.cancel(`cancel-again-${provider}`, orderId);
    const pay = await api.pay(`pay-cancelled-${provider}`, orderId, 'tok_visa');
    expect([again.status, errorCode(again.body), pay.status, errorCode(pay.body)]).toEqual([409, 'ORDER_NOT_CANCELLABLE', 409, 'ORDER_NOT_PAYABLE']);
  });

  it('shows the checkout screen in one call: cart lines with images, a quote per country, countries, test cards', async () => {
    const me = await openSession(shop.url);
    await postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId: 'hario-v60', quantity: 2, expectedVersion: 0 }, cookie: me });
    const us = await screenOf(me);
    expect(us.cart).toMatchObject({ version: 1, items: [{ productId: 'hario-v60', name: 'Hario V60 Ceramic Dripper', quantity: 2 }] });
    expect(us.cart.items[0]).toHaveProperty('imageUrl');
    expect([us.country, us.quote]).toEqual(['US', { subtotalCents: 5500, shippingCents: 595, taxCents: 399, totalCents: 6494, currency: 'USD' }]);
    expect((await screenOf(me, 'de')).quote).toEqual({ subtotalCents: 5500, shippingCents: 1995, taxCents: 1424, totalCents: 8919, currency: 'USD' });
    expect((await screenOf(me, 'XX')).country).toBe('US');
    expect(us.countries.map((c) => c.code)).toContain('DE');
    expect(us.testCards.map((c) => c.token)).toEqual(expect.arrayContaining(['tok_visa', 'tok_mastercard', 'tok_chargeDeclined']));
    expect(us.openOrder).toBeNull();
  });
});

/** The guest session's id, from its cookie (`idem_session=<id>.<issued-at>.<signature>`). */
function sessionOf(cookie: string): string {
  return decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1).split('.')[0]!);
}
