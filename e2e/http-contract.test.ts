import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '~/test/test-database';
import { useShopApi } from './support/shop-api';
import { detailsOf, errorCode, order, postMutation } from './support/api';
import { openSession } from './support/session';

describe.each(PROVIDERS)('the HTTP contract on %s', (provider) => {
  const shop = useShopApi(provider);
  const place = (key: string | null, body: string | object) => postMutation(shop.url, 'checkout.placeOrder', { key, body, cookie: shop.cookie });


  it('refuses a keyed mutation without a session with 401 SESSION_REQUIRED, and hands out a session', async () => {
    const response = await postMutation(shop.url, 'checkout.placeOrder', { key: 'no-session', body: order('hario-v60') });
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('SESSION_REQUIRED');
    expect(response.headers.get('set-cookie')).toMatch(/^idem_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(await shop.db.idempotencyRecord.count({ where: { key: 'no-session' } })).toBe(0);
    const retried = await postMutation(shop.url, 'checkout.placeOrder', { key: 'no-session', body: order('hario-v60'), cookie: response.headers.get('set-cookie')!.split(';')[0] });
    expect(retried.status).toBe(200);
  });

  it('keeps sessions apart: the same key from another session is another order, never a replay', async () => {
    const other = await openSession(shop.url);
    const mine = await place('shared-key', order('knock-box'));
    const theirs = await postMutation(shop.url, 'checkout.placeOrder', { key: 'shared-key', body: order('knock-box'), cookie: other });
    expect([mine.status, theirs.status]).toEqual([200, 200]);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body).not.toBe(mine.body);
    expect(await shop.db.order.count({ where: { idempotencyKey: 'shared-key' } })).toBe(2);
  });

  it('rejects invalid keys with 400 IDEMPOTENCY_KEY_INVALID and writes nothing', async () => {
    // Counted over whole tables, not by key: a record stored under any spelling of the key (the
    // server unquotes it), an order or a charge would all show.
    const written = async () => ({
      records: await shop.db.idempotencyRecord.count(),
      orders: await shop.db.order.count(),
      charges: await shop.db.gatewayCharge.count(),
    });
    const before = await written();
    for (const key of ['""', '"has space"', 'k'.repeat(256)]) {
      const response = await place(key, order('hario-v60'));
      expect(response.status, key).toBe(400);
      expect(errorCode(response.body), key).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(await written(), `after key ${key.slice(0, 20)}`).toEqual(before);
    }
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await place('big-1', { ...order('hario-v60'), padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(errorCode(response.body)).toBe('PAYLOAD_TOO_LARGE');
    expect(await shop.db.idempotencyRecord.count({ where: { key: 'big-1' } })).toBe(0);
  });

  it('answers garbage JSON with 400, not 500', async () => {
    const response = await place('garbage-1', '{"items": [');
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('PARSE_ERROR');
  });

  it('does not store an input validation error: the key stays usable', async () => {
    const invalid = await place('fix-me', order('hario-v60', 0));
    expect(invalid.status).toBe(400);
    expect(errorCode(invalid.body)).toBe('BAD_REQUEST');
    expect(invalid.headers.get('idempotency-expires')).toBeNull(); // the key was released, not kept
    expect(await shop.db.idempotencyRecord.count({ where: { key: 'fix-me' } })).toBe(0);
    const fixed = await place('fix-me', order('hario-v60', 1));
    expect(fixed.status).toBe(200);
  });

  it('answers reuse of a key with another payload with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    expect((await place('reuse-1', order('kinto-mug'))).status).toBe(200);
    const reused = await place('reuse-1', order('kinto-mug', 2));
    expect(reused.status).toBe(422);
    expect(errorCode(reused.body)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.headers.get('idempotency-expires')).not.toBeNull(); // the key is taken until then
    expect(await shop.db.order.count({ where: { idempotencyKey: 'reuse-1' } })).toBe(1);
  });

  it('advertises when the key expires: 24 h after its first use', async () => {
    const before = Date.now();
    const response = await place('expiry-1', order('v60-filters'));
    const expires = Date.parse(response.headers.get('idempotency-expires') ?? '');
    const replayed = await place('expiry-1', order('v60-filters'));
    expect(expires).toBeGreaterThanOrEqual(Math.floor((before + 86_400_000) / 1000) * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(replayed.headers.get('idempotency-expires')).toBe(response.headers.get('idempotency-expires'));
  });

  it('stores a declined payment: 402 PAYMENT_DECLINED replayed, the order open for another card with its stock held, one charge', async () => {
    const stockBefore = (await shop.db.product.findUniqueOrThrow({ where: { id: 'chemex-6cup' } })).stock;
    const first = await place('declined-1', order('chemex-6cup', 1, 'tok_chargeDeclined'));
    const second = await place('declined-1', order('chemex-6cup', 1, 'tok_chargeDeclined'));
    expect([first.status, second.status]).toEqual([402, 402]);
    expect(errorCode(second.body)).toBe('PAYMENT_DECLINED');
    expect(detailsOf(second)).toEqual({ orderId: expect.any(String), orderNumber: expect.stringMatching(/^IDM-[0-9A-Z]{7}$/), declineCode: 'generic_decline' });
    // The shopper's words, never the provider's code.
    expect(JSON.parse(second.body).error.message).toBe('Your card was declined. Try another card.');
    expect(second.body).toBe(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const orders = await shop.db.order.findMany({ where: { idempotencyKey: 'declined-1' }, include: { payments: true } });
    expect(orders.map((o) => [o.status, o.payingAttempt, o.payments.map((p) => [p.status, p.cardBrand, p.cardLast4])])).toEqual([['AWAITING_PAYMENT', null, [['DECLINED', 'Visa', '0002']]]]);
    expect((await shop.db.product.findUniqueOrThrow({ where: { id: 'chemex-6cup' } })).stock).toBe(stockBefore - 1);
    expect(await shop.db.gatewayCharge.count({ where: { token: 'tok_chargeDeclined' } })).toBe(1);
  });

  it('refuses a card token the gateway does not know: stored 402 PAYMENT_TOKEN_INVALID, nothing charged, the order still payable', async () => {
    const charges = await shop.db.gatewayCharge.count();
    const first = await place('unknown-token-1', order('knock-box', 1, 'tok_unknown'));
    const replay = await place('unknown-token-1', order('knock-box', 1, 'tok_unknown'));
    expect([first.status, errorCode(first.body), replay.status, replay.body]).toEqual([402, 'PAYMENT_TOKEN_INVALID', 402, first.body]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.parse(first.body).error.message).toBe('These card details could not be used. Try another card.');
    const { orderId } = detailsOf<{ orderId: string }>(first);
    expect(detailsOf(first)).toMatchObject({ declineCode: 'invalid_token' });
    expect(await shop.db.gatewayCharge.count()).toBe(charges);
    const payment = await shop.db.payment.findFirstOrThrow({ where: { orderId } });
    expect([payment.status, payment.declineCode, payment.providerChargeId]).toEqual(['DECLINED', 'invalid_token', null]);
    const paid = await postMutation(shop.url, 'checkout.payOrder', { key: 'unknown-token-2', body: { orderId, payment: { token: 'tok_mastercard' } }, cookie: shop.cookie });
    expect([paid.status, JSON.parse(paid.body).result.data.status]).toEqual([200, 'PAID']);
    expect(await shop.db.gatewayCharge.count()).toBe(charges + 1);
  });
});
