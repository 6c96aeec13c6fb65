import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataOf, order, postMutation } from '../../e2e/support/api';
import { openSession } from '../../e2e/support/session';
import { useShopApi } from '../../e2e/support/shop-api';
import { judge } from './assertions';
import { observe } from './observations';
import type { ShopperOutcome } from './shoppers';

/** The verdict must name what breaks exactly-once, or its "0 violations" would prove nothing. */
describe('the chaos verdict', () => {
  const shop = useShopApi('sqlite');
  const PRODUCT = 'hario-v60';

  const place = async (cookie: string, key = randomUUID()) => dataOf<{ orderId: string }>(await postMutation(shop.url, 'checkout.placeOrder', { key, body: order(PRODUCT, 2), cookie })).orderId;
  const outcome = (index: number, cookie: string, orderId: string): ShopperOutcome => ({
    index,
    cookie,
    plan: { productId: PRODUCT, quantity: 2, arriveAfterMs: 0 },
    orderId,
    retries: 0,
    retryReasons: {},
    replays: 0,
    elapsedMs: 1,
  });

  it('finds nothing wrong with one order per shopper, then names a double purchase, a stuck record and a shopper told two different orders', async () => {
    const { db } = shop;
    const stockBefore = new Map((await db.product.findMany({ select: { id: true, stock: true } })).map((p) => [p.id, p.stock]));
    const cookies = [shop.cookie, await openSession(shop.url)];
    const outcomes = [outcome(0, cookies[0]!, await place(cookies[0]!)), outcome(1, cookies[1]!, await place(cookies[1]!))];
    const observations = observe(cookies);
    const answer = (cookie: string, orderId: string) => observations.onExchange({ method: 'POST', path: '/api/trpc/checkout.placeOrder', cookie, status: 200, body: JSON.stringify({ result: { data: { orderId } } }), delivered: false });
    answer(cookies[0]!, outcomes[0]!.orderId!);
    expect(await judge(db, { outcomes, observations, stockBefore })).toEqual({ orders: 2, charges: 2, violations: [] });

    await place(cookies[1]!); // shopper 1 bought twice: a new key where its retry should have kept the old one
    answer(cookies[0]!, 'an-order-of-someone-else');
    const key = randomUUID();
    await db.idempotencyRecord.create({ data: { scope: 'someone', key, procedure: 'checkout.placeOrder', fingerprint: 'f', expiresAt: new Date(Date.now() + 60_000) } });

    const verdict = await judge(db, { outcomes, observations, stockBefore });
    expect([verdict.orders, verdict.charges]).toEqual([3, 3]);
    expect(verdict.violations).toEqual([
      '3 orders in the database for 2 shoppers',
      `shopper 0: answered with order ${outcomes[0]!.orderId}, and earlier with an-order-of-someone-else`,
      'shopper 1: its session holds 2 orders',
      '3 succeeded gateway charges for 2 shoppers',
      '3 succeeded payments for 2 shoppers',
      `${PRODUCT}: stock went down by 6, orders hold 6, shoppers asked for 4`,
      `record ${key} is stuck IN_PROGRESS at started`,
    ]);
  });
});
