import { describe, expect, it } from 'vitest';
import { SAMPLE_CHECKOUT } from '../../../e2e/support/api';
import { useShopApi } from '../../../e2e/support/shop-api';
import { appRouter } from '~/server/root';
import { generateOpenApiDocument } from './generate-openapi';
import { documentSchemaValidator } from './schema-validator.test-support';

const CATALOG_LIST = '/api/trpc/catalog.list';
const PLACE_ORDER = '/api/trpc/checkout.placeOrder';

describe('real responses honour the OpenAPI document', () => {
  const doc = generateOpenApiDocument(appRouter);
  const { checkResponse } = documentSchemaValidator(doc);
  const shop = useShopApi('sqlite');

  const placeOrder = (key: string | null, body: string) =>
    fetch(`${shop.url}${PLACE_ORDER}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: shop.cookie, ...(key === null ? {} : { 'idempotency-key': key }) },
      body,
    });
  const order = (productId: string, quantity: number) => JSON.stringify({ items: [{ productId, quantity }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } });
  const codeOf = async (response: Response) => ((await response.clone().json()) as { error: { data: { code: string } } }).error.data.code;

  it('200 catalog.list', async () => {
    const response = await fetch(`${shop.url}${CATALOG_LIST}`);
    expect(response.status).toBe(200);
    expect(await checkResponse(CATALOG_LIST, 'get', response)).toEqual([]);
  });

  it('200 placeOrder, then the replay with Idempotent-Replayed: true', async () => {
    const first = await placeOrder('"openapi-order-1"', order('hario-v60', 1));
    const replay = await placeOrder('"openapi-order-1"', order('hario-v60', 1));
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await checkResponse(PLACE_ORDER, 'post', first)).toEqual([]);
    expect(await checkResponse(PLACE_ORDER, 'post', replay)).toEqual([]);
  });

  it('400 IDEMPOTENCY_KEY_MISSING', async () => {
    const response = await placeOrder(null, order('hario-v60', 1));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(await checkResponse(PLACE_ORDER, 'post', response)).toEqual([]);
  });

  it('400 BAD_REQUEST with zodError for an input that fails validation', async () => {
    const response = await placeOrder('openapi-invalid-input', order('hario-v60', 100));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('BAD_REQUEST');
    expect(await checkResponse(PLACE_ORDER, 'post', response)).toEqual([]);
  });

  it('400 for a body that is not JSON, never a 500', async () => {
    const response = await placeOrder('openapi-garbage', '{"items":');
    expect(response.status).toBe(400);
    expect(await checkResponse(PLACE_ORDER, 'post', response)).toEqual([]);
  });

  it('422 OUT_OF_STOCK, stored and replayed', async () => {
    const first = await placeOrder('openapi-gesha', order('limited-gesha', 4));
    const replay = await placeOrder('openapi-gesha', order('limited-gesha', 4));
    expect([first.status, replay.status]).toEqual([422, 422]);
    expect(await codeOf(first)).toBe('OUT_OF_STOCK');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await checkResponse(PLACE_ORDER, 'post', first)).toEqual([]);
    expect(await checkResponse(PLACE_ORDER, 'post', replay)).toEqual([]);
  });

  it('422 IDEMPOTENCY_KEY_REUSED for the same key with another input', async () => {
    expect((await placeOrder('openapi-reused', order('kinto-mug', 1))).status).toBe(200);
    const response = await placeOrder('openapi-reused', order('kinto-mug', 2));
    expect(response.status).toBe(422);
    expect(await codeOf(response)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await checkResponse(PLACE_ORDER, 'post', response)).toEqual([]);
  });

  it('402 PAYMENT_DECLINED, then payOrder 200, 409 ORDER_NOT_PAYABLE and cancelOrder 409, and the checkout screen 200', async () => {
    const post = (path: string, key: string, body: object) =>
      fetch(`${shop.url}/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: shop.cookie, 'idempotency-key': key }, body: JSON.stringify(body) });
    const declined = await placeOrder('openapi-declined', JSON.stringify({ items: [{ productId: 'kinto-mug', quantity: 1 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_chargeDeclined' } }));
    expect([declined.status, await codeOf(declined)]).toEqual([402, 'PAYMENT_DECLINED']);
    expect(await checkResponse(PLACE_ORDER, 'post', declined)).toEqual([]);
    const { orderId } = ((await declined.json()) as { error: { data: { details: { orderId: string } } } }).error.data.details;
    const paid = await post('checkout.payOrder', 'openapi-pay-1', { orderId, payment: { token: 'tok_visa' } });
    const notPayable = await post('checkout.payOrder', 'openapi-pay-2', { orderId, payment: { token: 'tok_visa' } });
    const notCancellable = await post('checkout.cancelOrder', 'openapi-cancel-1', { orderId });
    expect([paid.status, notPayable.status, await codeOf(notPayable), notCancellable.status, await codeOf(notCancellable)]).toEqual([200, 409, 'ORDER_NOT_PAYABLE', 409, 'ORDER_NOT_CANCELLABLE']);
    expect(await checkResponse('/api/trpc/checkout.payOrder', 'post', paid)).toEqual([]);
    expect(await checkResponse('/api/trpc/checkout.payOrder', 'post', notPayable)).toEqual([]);
    expect(await checkResponse('/api/trpc/checkout.cancelOrder', 'post', notCancellable)).toEqual([]);
    const screen = await fetch(`${shop.url}/api/trpc/checkout.screen?input=${encodeURIComponent(JSON.stringify({ country: 'DE' }))}`, { headers: { cookie: shop.cookie } });
    expect(screen.status).toBe(200);
    expect(await checkResponse('/api/trpc/checkout.screen', 'get', screen)).toEqual([]);
  });

  it('403 OPERATOR_ACCESS_DISABLED from an ops procedure on a server without OPS_TOKEN', async () => {
    const path = '/api/trpc/ops.idempotencyRecords';
    const response = await fetch(`${shop.url}${path}`);
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('OPERATOR_ACCESS_DISABLED');
    expect(await checkResponse(path, 'get', response)).toEqual([]);
  });

  it('reports a response that breaks the document', async () => {
    const forged = new Response(JSON.stringify({ error: { message: 'x', code: -32022, data: { code: 'NOT_A_CODE', httpStatus: 422 } } }), { status: 422 });
    expect(await checkResponse(PLACE_ORDER, 'post', forged)).toEqual(
      expect.arrayContaining([expect.stringContaining('must be equal to one of the allowed values'), expect.stringContaining("'retryable'")]),
    );
    expect(await checkResponse(PLACE_ORDER, 'post', new Response('{}', { status: 418 }))).toEqual([`POST ${PLACE_ORDER} does not document status 418`]);
  });
});
