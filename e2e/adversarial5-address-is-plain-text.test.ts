import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { errorCode, postMutation, SAMPLE_CHECKOUT } from './support/api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

/**
 * The checkout's text fields promise plain text: "free of control characters (… a line break has no
 * place on a label)" (src/shared/checkout-details.ts). Two kinds of input pass that check today:
 * - a lone UTF-16 surrogate (JSON "\ud800"): not a character at all, so no database can store it.
 *   The order is placed (200) and the name is silently rewritten — to one U+FFFD on PostgreSQL and
 *   to three on SQLite — so the label differs from what was sent, and the two engines disagree;
 * - the Unicode line and paragraph separators U+2028 / U+2029: line breaks, stored on the label.
 * Either should be refused as invalid input (400) before a key is stored or an order made.
 */
describe.each(PROVIDERS)('checkout address text on %s', (provider) => {
  const shop = useShopApi(provider);

  it.each([
    ['a lone surrogate', 'Ada \ud800 Lovelace'],
    ['a line separator (U+2028)', 'Ada\u2028Lovelace'],
    ['a paragraph separator (U+2029)', 'Ada\u2029Lovelace'],
  ])('refuses a shipping name with %s as invalid input (400), placing no order', async (_what, name) => {
    const cookie = await openSession(shop.url);
    const key = randomUUID();
    const body = { items: [{ productId: 'v60-filters', quantity: 1 }], ...SAMPLE_CHECKOUT, shipping: { ...SAMPLE_CHECKOUT.shipping, name }, payment: { token: 'tok_visa' } };
    const placed = await postMutation(shop.url, 'checkout.placeOrder', { key, body, cookie });
    const stored = await shop.db.order.findMany({ where: { idempotencyKey: key }, select: { shippingName: true } });
    expect({ status: placed.status, code: errorCode(placed.body) ?? null, stored: stored.map((o) => o.shippingName) }).toEqual({ status: 400, code: 'BAD_REQUEST', stored: [] });
  });
});
