import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { dataOf, errorCode, postMutation } from './support/api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

type Cart = { version: number; items: { productId: string; quantity: number }[] };

/**
 * cart.setItemQuantity is keyed like every mutation: a retry of an edit that landed (its response
 * lost) gets the stored answer, not a 412 caused by its own first attempt; the version guard still
 * stops an edit from another tab that saw an older cart.
 */
describe.each(PROVIDERS)('cart edits with an Idempotency-Key on %s', (provider) => {
  const shop = useShopApi(provider);
  const edit = (cookie: string, key: string, quantity: number, expectedVersion: number) =>
    postMutation(shop.url, 'cart.setItemQuantity', { key, body: { productId: 'hario-v60', quantity, expectedVersion }, cookie });
  const cartRow = (cookie: string) =>
    shop.db.cart.findFirstOrThrow({ where: { sessionId: decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1).split('.')[0]!) }, include: { items: true } });

  it('answers the retry of an edit that landed with the stored cart, and bumps the version once', async () => {
    const me = await openSession(shop.url);
    const key = randomUUID();
    const first = await edit(me, key, 2, 0);
    const retry = await edit(me, key, 2, 0);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const row = await cartRow(me);
    expect([row.version, row.items.map((i) => i.quantity)]).toEqual([1, [2]]);
  });

  it('refuses the same key with another quantity (422) and changes nothing', async () => {
    const me = await openSession(shop.url);
    const key = randomUUID();
    expect((await edit(me, key, 1, 0)).status).toBe(200);
    const reused = await edit(me, key, 5, 0);
    expect(reused.status).toBe(422);
    const row = await cartRow(me);
    expect([row.version, row.items.map((i) => i.quantity)]).toEqual([1, [1]]);
  });

  it('keeps the version guard between tabs: of two edits of one version under two keys, one lands and one gets 412', async () => {
    const me = await openSession(shop.url);
    const [a, b] = await Promise.all([edit(me, randomUUID(), 3, 0), edit(me, randomUUID(), 4, 0)]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(errorCode(loser.body)).toBe('CART_VERSION_STALE');
    const row = await cartRow(me);
    expect([row.version, row.items.map((i) => i.quantity)]).toEqual([1, dataOf<Cart>(winner).items.map((i) => i.quantity)]);
  });

  it('stores a 412 too: its retry replays it rather than landing on a cart that moved on', async () => {
    const me = await openSession(shop.url);
    expect((await edit(me, randomUUID(), 1, 0)).status).toBe(200);
    const key = randomUUID();
    const stale = await edit(me, key, 7, 0);
    expect(stale.status).toBe(412);
    const retry = await edit(me, key, 7, 0);
    expect([retry.status, retry.body, retry.headers.get('idempotent-replayed')]).toEqual([412, stale.body, 'true']);
    expect((await cartRow(me)).items.map((i) => i.quantity)).toEqual([1]);
  });
});
