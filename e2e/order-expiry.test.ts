import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startOrderExpiry } from '~/server/checkout/start-order-expiry';
import { metrics } from '~/server/observability/metrics';
import { PROVIDERS } from '~/test/test-database';
import { dataOf, getQuery } from './support/api';
import { checkoutCalls } from './support/checkout-api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

const WINDOW_MS = 60_000;

describe.each(PROVIDERS)('the unpaid-order expiry job on %s', (provider) => {
  const shop = useShopApi(provider);
  const stockOf = async (id: string) => (await shop.db.product.findUniqueOrThrow({ where: { id } })).stock;
  const expiredTotal = async () => (await metrics.ordersExpired.get()).values[0]?.value ?? 0;

  it('cancels an order left unpaid past the window, stock back and the cart untouched, and leaves a paying order alone', async () => {
    const leaver = await openSession(shop.url);
    const stock = await stockOf('acaia-pearl');
    const abandoned = await checkoutCalls(shop.url, leaver).declinedOrder(randomUUID(), 'acaia-pearl');
    const payer = checkoutCalls(shop.url, await openSession(shop.url));
    const paying = await payer.declinedOrder(randomUUID(), 'acaia-pearl');
    expect(await stockOf('acaia-pearl')).toBe(stock - 2);

    // A payment attempt on the slow card holds `paying` in its charge for ~2 s.
    const payment = payer.pay(randomUUID(), paying, 'tok_slow');
    await expect.poll(async () => (await shop.db.order.findUniqueOrThrow({ where: { id: paying } })).payingAttempt, { timeout: 10_000, interval: 20 }).toBe(2);

    // The job's clock two windows ahead: both orders look abandoned, only the idle one may go.
    const before = await expiredTotal();
    const job = startOrderExpiry({ db: shop.db, windowMs: WINDOW_MS, now: () => new Date(Date.now() + 2 * WINDOW_MS) });
    try {
      expect(await job.runOnce()).toEqual({ leader: true });
    } finally {
      await job.stop();
    }

    expect(await shop.db.order.findUniqueOrThrow({ where: { id: abandoned } })).toMatchObject({ status: 'CANCELLED', payingAttempt: null });
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: paying } })).toMatchObject({ status: 'AWAITING_PAYMENT', payingAttempt: 2 });
    expect(await expiredTotal()).toBe(before + 1);
    expect(dataOf<{ items: unknown[] }>(await getQuery(shop.url, 'cart.get', { cookie: leaver })).items).toEqual([]); // the shopper left: nothing put back
    expect((await payment).status).toBe(200);
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: paying } })).toMatchObject({ status: 'PAID', payingAttempt: null });
    expect(await stockOf('acaia-pearl')).toBe(stock - 1); // the expired order's unit is back, the paid one's sold
  });

  it('leaves an order inside its window alone, and expires nothing twice', async () => {
    const orderId = await checkoutCalls(shop.url, await openSession(shop.url)).declinedOrder(randomUUID(), 'v60-filters');
    const now = await shop.db.order.findUniqueOrThrow({ where: { id: orderId } }).then((o) => o.updatedAt.getTime());
    const runAt = async (at: number) => {
      const job = startOrderExpiry({ db: shop.db, windowMs: WINDOW_MS, now: () => new Date(at) });
      try {
        await job.runOnce();
      } finally {
        await job.stop();
      }
    };
    const before = await expiredTotal();
    await runAt(now + WINDOW_MS - 1_000);
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'AWAITING_PAYMENT' });
    await runAt(now + WINDOW_MS + 1_000);
    await runAt(now + WINDOW_MS + 2_000);
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: 'CANCELLED' });
    expect(await expiredTotal()).toBe(before + 1);
    expect((await shop.db.lease.findUniqueOrThrow({ where: { name: 'order-expiry' } })).expiresAt.getTime()).toBe(0); // handed over on stop
  });
});
