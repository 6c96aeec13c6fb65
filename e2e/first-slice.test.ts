import { createTRPCClient, httpLink } from '@trpc/client';
import { idempotencyHeaders, idempotencyLink, idempotentHttpBatchLink } from '@idem/trpc-link';
import { describe, expect, it } from 'vitest';
import { catalog } from '../prisma/catalog';
import type { AppRouter } from '~/server/root';
import { PROVIDERS } from '~/test/test-database';
import { SAMPLE_CHECKOUT } from './support/api';
import { useShopApi } from './support/shop-api';
import { fetchWithSession } from './support/session';

/** A session `fetch` that records the `Idempotency-Key` header of each request it sends. */
function keysSent(cookie: string) {
  const headers: (string | null)[] = [];
  const withSession = fetchWithSession(cookie);
  const fetch: typeof globalThis.fetch = (input, init) => {
    headers.push(new Headers(init?.headers).get('idempotency-key'));
    return withSession(input, init);
  };
  return { fetch, headers };
}

/** The keys of an `Idempotency-Key` header: one quoted key per operation, comma-separated. */
function keysOf(header: string | null | undefined): string[] {
  return (header ?? '').split(', ').map((member) => member.slice(1, -1));
}

describe.each(PROVIDERS)('first slice over real HTTP on %s', (provider) => {
  const shop = useShopApi(provider);
  const stockOf = async (id: string) => (await shop.db.product.findUniqueOrThrow({ where: { id } })).stock;


  const placeOrder = (key: string | null, input: unknown) =>
    fetch(`${shop.url}/api/trpc/checkout.placeOrder`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: shop.cookie, ...(key === null ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(input),
    });

  it('serves catalog.list as plain JSON to a plain GET', async () => {
    const response = await fetch(`${shop.url}/api/trpc/catalog.list`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { id: string; priceCents: number }[] } };
    expect(body.result.data).toHaveLength(catalog.length);
    expect(body.result.data.map((p) => p.id).sort()).toEqual(catalog.map((p) => p.id).sort());
  });

  it('places an order through idempotencyLink + httpLink and records its key', async () => {
    const sent = keysSent(shop.cookie);
    const client = createTRPCClient<AppRouter>({
      links: [idempotencyLink(), httpLink({ url: `${shop.url}/api/trpc`, fetch: sent.fetch, headers: ({ op }) => idempotencyHeaders(op) })],
    });
    const order = await client.checkout.placeOrder.mutate({ items: [{ productId: 'hario-v60', quantity: 2 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } });
    // Priced on the server: 2 × $27.50 to the US pays $5.95 shipping (free from $75) and 7.25 % tax on the goods.
    expect([order.subtotalCents, order.shippingCents, order.taxCents, order.totalCents]).toEqual([5500, 595, 399, 6494]);
    expect(await shop.db.order.count({ where: { id: order.orderId } })).toBe(1);
    expect(sent.headers).toHaveLength(1);
    const [key] = keysOf(sent.headers[0]);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // The record is found by the very key the link sent, and it is the one that made this order.
    const record = await shop.db.idempotencyRecord.findFirst({ where: { key } });
    expect(record, `no record for the key sent, ${key}`).toMatchObject({ key, procedure: 'checkout.placeOrder', status: 'COMPLETED', responseStatus: 200 });
    expect(record?.responseBody).toContain(order.orderId);
    expect(await shop.db.order.findUniqueOrThrow({ where: { id: order.orderId } })).toMatchObject({ idempotencyKey: key });
  });

  it('answers a duplicate with the stored body, marked replayed, and executes once', async () => {
    const before = await shop.db.order.count();
    const stockBefore = await stockOf('kenya-nyeri');
    const input = { items: [{ productId: 'kenya-nyeri', quantity: 1 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } };
    const first = await placeOrder('dup-key-1', input);
    const second = await placeOrder('dup-key-1', input);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.text()).toBe(await first.text());
    expect(await shop.db.order.count()).toBe(before + 1);
    expect(await stockOf('kenya-nyeri')).toBe(stockBefore - 1);
  });

  it('refuses a mutation without a key with 400 IDEMPOTENCY_KEY_MISSING and writes nothing', async () => {
    const before = await shop.db.order.count();
    const response = await placeOrder(null, { items: [{ productId: 'hario-v60', quantity: 1 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { data: { code: string; retryable: boolean } } };
    expect(body.error.data).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISSING', retryable: false });
    expect(await shop.db.order.count()).toBe(before);
  });

  it('stores a business error and replays it', async () => {
    const input = { items: [{ productId: 'limited-gesha', quantity: 4 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } };
    const first = await placeOrder('too-many-gesha', input);
    const second = await placeOrder('too-many-gesha', input);
    expect(first.status).toBe(422);
    expect(second.status).toBe(422);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const body = (await second.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('OUT_OF_STOCK');
  });

  it('gives each operation of an idempotentHttpBatchLink batch its own key and record', async () => {
    const sent = keysSent(shop.cookie);
    const client = createTRPCClient<AppRouter>({
      links: [idempotencyLink(), idempotentHttpBatchLink({ url: `${shop.url}/api/trpc`, fetch: sent.fetch })],
    });
    const recordsBefore = await shop.db.idempotencyRecord.count();
    const orders = await Promise.all(
      ['v60-filters', 'v60-filters', 'kinto-mug'].map((productId) => client.checkout.placeOrder.mutate({ items: [{ productId, quantity: 1 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } })),
    );
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(3);
    // One HTTP request carried the whole batch, and its header all three keys.
    expect(sent.headers).toHaveLength(1);
    const keys = keysOf(sent.headers[0]);
    expect(new Set(keys).size).toBe(3);
    expect(await shop.db.idempotencyRecord.count()).toBe(recordsBefore + 3);
    const records = await shop.db.idempotencyRecord.findMany({ where: { key: { in: keys } } });
    expect(records.map((r) => [r.status, r.responseStatus])).toEqual([0, 1, 2].map(() => ['COMPLETED', 200]));
    const orderKeys = await shop.db.order.findMany({ where: { id: { in: orders.map((o) => o.orderId) } }, select: { idempotencyKey: true } });
    expect(orderKeys.map((o) => o.idempotencyKey).sort()).toEqual([...keys].sort());
  });
});
