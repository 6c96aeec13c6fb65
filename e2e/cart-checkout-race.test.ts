import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { cartOrder, dataOf, detailsOf, errorCode, getQuery, postMutation, type RawResponse } from './support/api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

type Cart = { version: number; items: { productId: string; quantity: number }[] };

const ROUNDS = 5;
const CHECKOUTS = 6;

/**
 * One cart is one order: concurrent checkouts of the same cart version with different keys (two
 * tabs, a double click that lost its key) must take the cart once. The losers get 412 with the
 * cart as it now is, and a cart edit racing a checkout either lands in the cart or is refused.
 */
describe.each(PROVIDERS)('concurrent checkouts of one cart on %s', (provider) => {
  const shop = useShopApi(provider);
  const setQuantity = (cookie: string, productId: string, quantity: number, expectedVersion: number) =>
    postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId, quantity, expectedVersion }, cookie });
  const checkout = (cookie: string, key: string, cartVersion: number) =>
    postMutation(shop.url, 'checkout.placeOrder', { key, body: cartOrder(cartVersion), cookie });
  const succeededCharges = () => shop.db.gatewayCharge.count({ where: { status: 'succeeded' } });

  /** A new guest with `productId` × 1 in the cart; returns its cookie and the cart version. */
  async function shopperWithCart(productId: string): Promise<{ cookie: string; version: number }> {
    const cookie = await openSession(shop.url);
    const added = await setQuantity(cookie, productId, 1, 0);
    expect(added.status).toBe(200);
    return { cookie, version: dataOf<Cart>(added).version };
  }

  it(`makes one order of one cart version, however many keys check it out at once (${ROUNDS} rounds of ${CHECKOUTS})`, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const { cookie, version } = await shopperWithCart('ethiopia-guji');
      const chargesBefore = await succeededCharges();
      const keys = Array.from({ length: CHECKOUTS }, (_, i) => `cart-race-${provider}-${round}-${i}`);

      const responses = await Promise.all(keys.map((key) => checkout(cookie, key, version)));

      const statuses = responses.map((r) => r.status).join(',');
      const placed = responses.filter((r) => r.status === 200);
      const refused = responses.filter((r) => r.status !== 200);
      expect(placed, `round ${round} statuses: ${statuses}`).toHaveLength(1);
      for (const loser of refused) {
        expect([loser.status, errorCode(loser.body)], `round ${round}`).toEqual([412, 'CART_VERSION_STALE']);
        // The loser sees the cart the winner left: taken (a later version) and empty.
        expect(detailsOf<{ cart: Cart }>(loser).cart).toMatchObject({ version: version + 1, items: [] });
      }
      expect(await shop.db.order.count({ where: { idempotencyKey: { in: keys } } }), `round ${round}`).toBe(1);
      expect((await succeededCharges()) - chargesBefore, `round ${round}`).toBe(1);
      expect(dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie }))).toMatchObject({ version: version + 1, items: [] });
    }
  });

  it(`never lets a cart edit and a checkout of the same version both succeed (${ROUNDS * 2} rounds)`, async () => {
    for (let round = 1; round <= ROUNDS * 2; round++) {
      const { cookie, version } = await shopperWithCart('colombia-huila');
      const key = `cart-edit-race-${provider}-${round}`;

      const [edit, placed] = await Promise.all([setQuantity(cookie, 'kenya-nyeri', 1, version), checkout(cookie, key, version)]);

      const outcome = `round ${round}: edit ${edit.status}, checkout ${placed.status}`;
      expect([edit.status, placed.status].sort(), outcome).toEqual([200, 412]);
      const loser: RawResponse = edit.status === 200 ? placed : edit;
      expect(errorCode(loser.body), outcome).toBe('CART_VERSION_STALE');
      const cart = dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie }));
      const orders = await shop.db.order.findMany({ where: { idempotencyKey: key }, include: { items: true } });
      if (edit.status === 200) {
        // The edit that answered success is in the cart, next to the line nobody bought.
        expect(cart, outcome).toMatchObject({ version: version + 1 });
        expect(cart.items.map((i) => [i.productId, i.quantity]).sort(), outcome).toEqual([['colombia-huila', 1], ['kenya-nyeri', 1]]);
        expect(orders, outcome).toHaveLength(0);
      } else {
        // The checkout took the cart as the shopper saw it: the edit never happened.
        expect(cart, outcome).toMatchObject({ version: version + 1, items: [] });
        expect(orders.map((o) => o.items.map((i) => [i.productId, i.quantity])), outcome).toEqual([[['colombia-huila', 1]]]);
      }
    }
  });
});
