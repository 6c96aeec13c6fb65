import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { cartOrder, errorCode, postMutation } from './support/api';
import { useShopApi } from './support/shop-api';

// Adversarial review: zod's z.int() admits every safe integer, the database column is a 32-bit
// Int. A client that sends a version the column cannot hold made a mistake; it must get a 4xx,
// never a 500 (a 500 is an unknown outcome: the link keeps the key and retries it).
const TOO_BIG = 2 ** 31; // one past INT4's maximum

describe.each(PROVIDERS)('versions out of the database range on %s', (provider) => {
  const shop = useShopApi(provider);

  it('a checkout of cartVersion 2^31 is refused as invalid input (400), not a 500', async () => {
    const response = await postMutation(shop.url, 'checkout.placeOrder', { key: 'range-1', body: cartOrder(TOO_BIG), cookie: shop.cookie });
    expect(response.status, response.body.slice(0, 300)).toBe(400);
    expect(errorCode(response.body)).toBe('BAD_REQUEST');
    expect(await shop.db.order.count()).toBe(0);
  });

  it('a cart edit at expectedVersion 2^31 is refused as invalid input (400), not a 500', async () => {
    const response = await postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId: 'hario-v60', quantity: 1, expectedVersion: TOO_BIG }, cookie: shop.cookie });
    expect(response.status, response.body.slice(0, 300)).toBe(400);
    expect(errorCode(response.body)).toBe('BAD_REQUEST');
  });
});
