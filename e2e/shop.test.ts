import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { useShopApi } from './support/shop-api';
import { cartOrder, dataOf, detailsOf, errorCode, getQuery, postMutation } from './support/api';
import { openSession } from './support/session';

/** The guest session's id, from its cookie (`idem_session=<id>.<issued-at>.<signature>`). */
const sessionIdOf = (cookie: string) => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1).split('.')[0]!);

type Cart = { version: number; totalCents: number; items: { productId: string; quantity: number }[] };

describe.each(PROVIDERS)('the shop over HTTP on %s', (provider) => {
  // Each test shops as its own guest (openSession): its own cart from version 0, its own orders.
  // Nothing depends on what an earlier test left in a cart; stock is compared before and after.
  const shop = useShopApi(provider);
  const setQuantity = (as: string, productId: string, quantity: number, expectedVersion: number) =>
    postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId, quantity, expectedVersion }, cookie: as });
  const checkout = (as: string, key: string, cartVersion: number, token = 'tok_visa') =>
    postMutation(shop.url, 'checkout.placeOrder', { key, body: cartOrder(cartVersion, token), cookie: as });
  const cartOf = async (as: string) => dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie: as }));
  const stockOf = async (id: string) => (await shop.db.product.findUniqueOrThrow({ where: { id } })).stock;

  it('keeps a versioned cart: PUT quantities, 412 with the current cart on a stale version, 422 past stock', async () => {
    const me = await openSession(shop.url);
    expect(await cartOf(me)).toMatchObject({ version: 0, items: [] });
    const added = await setQuantity(me, 'hario-v60', 2, 0);
    expect(dataOf<Cart>(added)).toMatchObject({ version: 1, totalCents: 5500, items: [{ productId: 'hario-v60', quantity: 2 }] });
    const again = await setQuantity(me, 'hario-v60', 2, 1); // absolute quantity: repeating it adds nothing
    expect(dataOf<Cart>(again).items).toEqual([expect.objectContaining({ productId: 'hario-v60', quantity: 2 })]);

    const stale = await setQuantity(me, 'kinto-mug', 1, 1);
    expect(stale.status).toBe(412);
    expect(errorCode(stale.body)).toBe('CART_VERSION_STALE');
    expect(detailsOf<{ cart: Cart }>(stale).cart).toMatchObject({ version: 2, items: [{ productId: 'hario-v60', quantity: 2 }] });

    const tooMany = await setQuantity(me, 'limited-gesha', 4, 2);
    expect([tooMany.status, errorCode(tooMany.body), detailsOf(tooMany)]).toEqual([422, 'OUT_OF_STOCK', { available: 3 }]);
    const removed = await setQuantity(me, 'hario-v60', 0, 2);
    expect(dataOf<Cart>(removed)).toMatchObject({ version: 3, items: [] });
  });

  it('checks out the cart: one paid order, the cart emptied, stock and catalog updated at once', async () => {
    const me = await openSession(shop.url);
    const cart = dataOf<Cart>(await setQuantity(me, 'chemex-6cup', 2, 0));
    const stockBefore = await stockOf('chemex-6cup');
    await getQuery(shop.url, 'catalog.list'); // warm this instance's catalog cache
    const placed = await checkout(me, 'cart-checkout-1', cart.version);
    expect(placed.status).toBe(200);
    const order = dataOf<{ orderId: string; status: string; subtotalCents: number }>(placed);
    expect(order).toMatchObject({ status: 'PAID', subtotalCents: 2 * 4895 });
    expect(await cartOf(me)).toMatchObject({ version: cart.version + 1, items: [] });
    expect(await stockOf('chemex-6cup')).toBe(stockBefore - 2);
    const listed = dataOf<{ id: string; stock: number }[]>(await getQuery(shop.url, 'catalog.list'));
    expect(listed.find((p) => p.id === 'chemex-6cup')?.stock).toBe(stockBefore - 2);

    const history = dataOf<{ orderId: string }[]>(await getQuery(shop.url, 'orders.list', { cookie: me }));
    expect(history.map((o) => o.orderId)).toEqual([order.orderId]);
    expect(dataOf(await getQuery(shop.url, 'orders.byId', { input: { orderId: order.orderId }, cookie: me }))).toEqual(order);
  });

  it("answers another session's order with 404, as if it did not exist", async () => {
    const me = await openSession(shop.url);
    const { version } = dataOf<Cart>(await setQuantity(me, 'knock-box', 1, 0));
    const mine = dataOf<{ orderId: string }>(await checkout(me, 'mine-1', version));
    expect(dataOf<{ orderId: string }[]>(await getQuery(shop.url, 'orders.list', { cookie: me })).map((o) => o.orderId)).toEqual([mine.orderId]);
    const stranger = await openSession(shop.url);
    const peek = await getQuery(shop.url, 'orders.byId', { input: { orderId: mine.orderId }, cookie: stranger });
    expect([peek.status, errorCode(peek.body)]).toEqual([404, 'ORDER_NOT_FOUND']);
    expect(dataOf<unknown[]>(await getQuery(shop.url, 'orders.list', { cookie: stranger }))).toEqual([]);
  });

  it('stores and replays a stale-cart checkout (412) and refuses an empty cart (422)', async () => {
    const me = await openSession(shop.url);
    await setQuantity(me, 'v60-filters', 1, 0);
    const { version, items } = dataOf<Cart>(await setQuantity(me, 'v60-filters', 0, 1));
    expect([version, items]).toEqual([2, []]);
    const empty = await checkout(me, 'cart-empty-1', version);
    expect([empty.status, errorCode(empty.body)]).toEqual([422, 'CART_EMPTY']);
    const stale = await checkout(me, 'cart-stale-1', version - 1);
    const replay = await checkout(me, 'cart-stale-1', version - 1);
    expect([stale.status, errorCode(stale.body)]).toEqual([412, 'CART_VERSION_STALE']);
    expect(replay.body).toBe(stale.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await shop.db.order.count({ where: { sessionId: sessionIdOf(me) } })).toBe(0);
  });

  it('survives a payment provider that loses its first answer: 503 retryable, then the same key pays once', async () => {
    const me = await openSession(shop.url);
    const { version } = dataOf<Cart>(await setQuantity(me, 'acaia-pearl', 1, 0));
    const chargesBefore = await shop.db.gatewayCharge.count();
    const first = await checkout(me, 'flaky-gateway-1', version, 'tok_failThenSucceed');
    expect([first.status, errorCode(first.body)]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);
    expect(JSON.parse(first.body).error.data.retryable).toBe(true);
    const record = await shop.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'flaky-gateway-1', scope: sessionIdOf(me) } });
    expect([record.status, record.recoveryPoint]).toEqual(['IN_PROGRESS', 'order_created']);

    const retry = await checkout(me, 'flaky-gateway-1', version, 'tok_failThenSucceed');
    expect(retry.status).toBe(200);
    expect(dataOf<{ status: string }>(retry).status).toBe('PAID');
    expect(await shop.db.order.count({ where: { idempotencyKey: 'flaky-gateway-1' } })).toBe(1);
    expect(await shop.db.gatewayCharge.count()).toBe(chargesBefore + 1);
  });

  it('keeps a declined cart checkout open with its stock held; cancelling it puts stock and lines back', async () => {
    const me = await openSession(shop.url);
    const { version } = dataOf<Cart>(await setQuantity(me, 'kenya-nyeri', 3, 0));
    const stock = await stockOf('kenya-nyeri');
    const declined = await checkout(me, 'declined-cart-1', version, 'tok_chargeDeclined');
    expect([declined.status, errorCode(declined.body)]).toEqual([402, 'PAYMENT_DECLINED']);
    const { orderId } = detailsOf<{ orderId: string }>(declined);
    // The order holds the lines and the stock: the cart stays taken until the order is given up.
    expect(await cartOf(me)).toMatchObject({ version: version + 1, items: [] });
    expect(await stockOf('kenya-nyeri')).toBe(stock - 3);
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'AWAITING_PAYMENT', payingAttempt: null });

    const cancelled = await postMutation(shop.url, 'checkout.cancelOrder', { key: 'cancel-cart-1', body: { orderId }, cookie: me });
    expect([cancelled.status, dataOf<{ status: string }>(cancelled).status]).toEqual([200, 'CANCELLED']);
    const restored = await cartOf(me);
    expect(restored.items).toEqual([expect.objectContaining({ productId: 'kenya-nyeri', quantity: 3 })]);
    expect(restored.version).toBe(version + 2);
    expect(await stockOf('kenya-nyeri')).toBe(stock);
    const paid = await checkout(me, 'declined-cart-2', restored.version, 'tok_visa');
    expect(dataOf<{ status: string }>(paid).status).toBe('PAID');
    expect(await stockOf('kenya-nyeri')).toBe(stock - 3);
  });

  it('serves one product by id, 404 for an unknown one', async () => {
    expect(dataOf<{ name: string }>(await getQuery(shop.url, 'catalog.byId', { input: { id: 'aeropress-go' } })).name).toBe('AeroPress Go Travel Coffee Press');
    const missing = await getQuery(shop.url, 'catalog.byId', { input: { id: 'nope' } });
    expect([missing.status, errorCode(missing.body)]).toEqual([404, 'PRODUCT_NOT_FOUND']);
  });
});
