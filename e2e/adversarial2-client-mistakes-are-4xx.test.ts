import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { getQuery, postMutation, SAMPLE_CHECKOUT } from './support/api';
import { useShopApi } from './support/shop-api';

// Adversarial review, round two: inputs that pass the zod schemas but that the server cannot
// handle made a 500 — an unknown outcome, which the link retries with the same key, for ever.
// A client's mistake must be a 4xx.
// - A NUL character in a string that reaches a PostgreSQL text column or comparison (a product id,
//   an order id): `invalid byte sequence for encoding "UTF8": 0x00` (22021).
// - A deeply nested input to an idempotent mutation: the middleware's fingerprint and stored input
//   (JSON.stringify, recursive) overflow the stack before the input is validated.

describe.each(PROVIDERS)('client mistakes are answered with a 4xx on %s', (provider) => {
  const shop = useShopApi(provider);

  it('a cart edit of a product id with a NUL character is a 4xx', async () => {
    const response = await postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId: 'hario-v60\u0000', quantity: 1, expectedVersion: 0 }, cookie: shop.cookie });
    expect(response.status, response.body.slice(0, 300)).toBeLessThan(500);
  });

  it('a checkout of a product id with a NUL character is a 4xx, and leaves no order', async () => {
    const body = { items: [{ productId: 'hario-v60\u0000', quantity: 1 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } };
    const response = await postMutation(shop.url, 'checkout.placeOrder', { key: 'nul-product-1', body, cookie: shop.cookie });
    expect(response.status, response.body.slice(0, 300)).toBeLessThan(500);
    expect(await shop.db.order.count({ where: { idempotencyKey: 'nul-product-1' } })).toBe(0);
  });

  it('an order lookup by an id with a NUL character is a 4xx', async () => {
    const response = await getQuery(shop.url, 'orders.byId', { input: { orderId: 'x\u0000' }, cookie: shop.cookie });
    expect(response.status, response.body.slice(0, 300)).toBeLessThan(500);
  });

  it('a checkout whose input nests 100 000 arrays deep is a 4xx, and leaves no record', async () => {
    const depth = 100_000;
    const body = `{"items":${'['.repeat(depth)}${']'.repeat(depth)},"payment":{"token":"tok_visa"}}`;
    const response = await postMutation(shop.url, 'checkout.placeOrder', { key: 'deep-1', body, cookie: shop.cookie });
    expect(response.status, response.body.slice(0, 300)).toBeLessThan(500);
    expect(await shop.db.idempotencyRecord.count({ where: { key: 'deep-1' } })).toBe(0);
  });
});
