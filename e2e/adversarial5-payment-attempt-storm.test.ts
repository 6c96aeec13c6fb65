import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalog } from '../prisma/catalog';
import { expireUnpaidOrders } from '~/server/checkout/expire-unpaid-orders';
import { findMismatches } from '~/server/reconciliation/find-mismatches';
import { PROVIDERS } from '~/test/test-database';
import { dataOf, detailsOf, errorCode, getQuery, postMutation, SAMPLE_CHECKOUT, type RawResponse } from './support/api';
import { checkoutCalls } from './support/checkout-api';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

const SESSIONS = 8;
const ROUNDS = 4;
/** Bursts per order: each fires payments, cancels, a duplicate, a cart edit and (sometimes) the expiry sweep at once. */
const BURSTS = 3;
const PRODUCTS = ['colombia-huila', 'ethiopia-guji', 'kenya-nyeri', 'v60-filters'] as const;
/** Edited in the cart during the bursts, never ordered: its line must be the last edit that answered 200. */
const EDITED = 'kinto-mug';
/** The sweep runs for every shopper at once: it expires any order idle this long, so that it races some bursts and not all. */
const SWEEP_WINDOW_MS = 150;

type Line = { productId: string; quantity: number };
type Cart = { version: number; items: Line[] };
interface Tracked {
  cookie: string;
  lines: Line[];
  payWins: string[];
  cancelWins: string[];
}

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)]!;
const describeResponse = (label: string, r: RawResponse) => `${label} ${r.status} ${errorCode(r.body) ?? ''}`;

/**
 * Many shoppers at once, each with an order left awaiting payment by a decline (or an unknown card):
 * concurrent payOrder calls (approving, declining, unknown and slow cards, a duplicate of one key),
 * cancelOrder calls, cart edits and the expiry sweep, in bursts. Afterwards the database must show:
 * no 5xx, each order paid or cancelled at most once, one succeeded charge per PAID order and none
 * else, stock back exactly for the cancelled orders, the cart refilled exactly by the cancels that
 * answered 200 (never by the expiry, never twice), no key left in progress, reconciliation clean.
 */
describe.each(PROVIDERS)('a storm of payment attempts, cancels and expiry on %s', (provider) => {
  const shop = useShopApi(provider);

  async function burst(order: Tracked, orderId: string, withSlowCard: boolean, log: string[]): Promise<void> {
    const api = checkoutCalls(shop.url, order.cookie);
    const tokens = ['tok_visa', 'tok_chargeDeclined', 'tok_unknown_card', 'tok_mastercard', ...(withSlowCard ? ['tok_slow'] : [])];
    const pays = Array.from({ length: 3 }, () => ({ key: randomUUID(), token: pick(tokens) }));
    const cancelKey = randomUUID();
    const cart = dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie: order.cookie }));
    type Answer = [kind: string, key: string, response: RawResponse];
    const thunks: (() => Promise<Answer>)[] = [
      ...pays.map(({ key, token }) => () => api.pay(key, orderId, token).then((r): Answer => ['pay', key, r])),
      // The first payment's key sent twice: a duplicate is answered 409 in progress or replayed, never run twice.
      () => api.pay(pays[0]!.key, orderId, pays[0]!.token).then((r): Answer => ['pay', pays[0]!.key, r]),
      () =>
        postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId: EDITED, quantity: 1 + Math.floor(Math.random() * 5), expectedVersion: cart.version }, cookie: order.cookie }).then(
          (r): Answer => ['edit', '', r],
        ),
      // Sometimes no cancel, so that payments get their turn on SQLite's one writer too.
      ...(Math.random() < 0.5 ? [() => api.cancel(cancelKey, orderId).then((r): Answer => ['cancel', cancelKey, r])] : []),
    ];
    // Sent in a random order: whichever reaches the database first wins, on both engines.
    const sends = thunks.sort(() => Math.random() - 0.5).map((send) => send());
    const sweep = Math.random() < 0.4 ? expireUnpaidOrders(shop.db, { windowMs: SWEEP_WINDOW_MS }) : Promise.resolve(0);
    const [answers] = await Promise.all([Promise.all(sends), sweep]);
    for (const [kind, key, response] of answers) {
      log.push(describeResponse(`${orderId.slice(0, 8)} ${kind}`, response));
      expect(response.status, `${kind}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
      if (kind === 'pay' && response.status === 200 && !order.payWins.includes(key)) order.payWins.push(key);
      if (kind === 'cancel' && response.status === 200 && !order.cancelWins.includes(key)) order.cancelWins.push(key);
      if (kind === 'pay' && response.status === 402) expect(['PAYMENT_DECLINED', 'PAYMENT_TOKEN_INVALID']).toContain(errorCode(response.body));
      if (kind === 'pay' && response.status === 409) expect(['ORDER_NOT_PAYABLE', 'IDEMPOTENCY_REQUEST_IN_PROGRESS']).toContain(errorCode(response.body));
      if (kind === 'cancel' && response.status === 409) expect(errorCode(response.body)).toBe('ORDER_NOT_CANCELLABLE');
      if (kind === 'edit' && response.status !== 200) expect(errorCode(response.body)).toBe('CART_VERSION_STALE');
    }
  }

  it('makes the first cart row of a session from concurrent cancels and a cart edit: every cancel lands, lines summed once each (10 rounds)', async () => {
    for (let round = 1; round <= 10; round++) {
      const cookie = await openSession(shop.url);
      const api = checkoutCalls(shop.url, cookie);
      // Three orders bought "now" (not from the cart): the session has no cart row yet.
      const orderIds = await Promise.all(['colombia-huila', 'ethiopia-guji', 'colombia-huila'].map((productId) => api.declinedOrder(randomUUID(), productId, 2)));
      const edit = postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId: EDITED, quantity: 1, expectedVersion: 0 }, cookie });
      const answers = await Promise.all([...orderIds.map((id) => api.cancel(randomUUID(), id)), edit]);
      const outcome = `round ${round}: ${answers.map((a) => describeResponse('', a)).join(',')}`;
      expect(answers.slice(0, 3).map((a) => a.status), outcome).toEqual([200, 200, 200]);
      expect([200, 412], outcome).toContain(answers[3]!.status);
      const cart = dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie }));
      const restored = cart.items.filter((i) => i.productId !== EDITED).map((i) => [i.productId, i.quantity]);
      expect(restored.sort(), outcome).toEqual([['colombia-huila', 4], ['ethiopia-guji', 2]]);
      expect(cart.items.some((i) => i.productId === EDITED), outcome).toBe(answers[3]!.status === 200);
    }
  });

  it("refuses a payOrder key reused for another order, card or procedure (422), and answers another session's order 404 without details", async () => {
    const mine = checkoutCalls(shop.url, await openSession(shop.url));
    const [first, second] = [await mine.declinedOrder(randomUUID(), 'v60-filters'), await mine.declinedOrder(randomUUID(), 'v60-filters')];
    const chargesBefore = await shop.db.gatewayCharge.count();
    const key = randomUUID();
    expect((await mine.pay(key, first, 'tok_chargeDeclined')).status).toBe(402);
    const reuses = [await mine.pay(key, second, 'tok_chargeDeclined'), await mine.pay(key, first, 'tok_visa'), await mine.cancel(key, first)];
    expect(reuses.map((r) => [r.status, errorCode(r.body)])).toEqual(Array.from({ length: 3 }, () => [422, 'IDEMPOTENCY_KEY_REUSED']));
    const stranger = checkoutCalls(shop.url, await openSession(shop.url));
    // The same key and payload from another session is another key: its own 404, no trace of the order.
    const foreign = [await stranger.pay(key, first, 'tok_chargeDeclined'), await stranger.cancel(randomUUID(), second)];
    for (const r of foreign) {
      expect([r.status, errorCode(r.body)]).toEqual([404, 'ORDER_NOT_FOUND']);
      expect(r.body).not.toMatch(/IDM-|AWAITING_PAYMENT|details/);
    }
    expect((await shop.db.gatewayCharge.count()) - chargesBefore).toBe(1); // the one declined attempt
    const orders = await shop.db.order.findMany({ where: { id: { in: [first, second] } }, include: { payments: true } });
    expect(orders.map((o) => [o.status, o.payingAttempt, o.payments.length]).sort()).toEqual([['AWAITING_PAYMENT', null, 1], ['AWAITING_PAYMENT', null, 2]]);
    // Left cancelled: the storm below sweeps every idle order and counts the stock it returns.
    expect([(await mine.cancel(randomUUID(), first)).status, (await mine.cancel(randomUUID(), second)).status]).toEqual([200, 200]);
  });

  it('two tabs over one cart: a cancel (lines back), a payment and a checkout of the emptied cart at once end in exactly one paid order per round (8 rounds)', async () => {
    const stock = async () => (await shop.db.product.findUniqueOrThrow({ where: { id: 'kenya-nyeri' } })).stock;
    for (let round = 1; round <= 8; round++) {
      const cookie = await openSession(shop.url);
      const api = checkoutCalls(shop.url, cookie);
      const stockBefore = await stock();
      const chargesBefore = await shop.db.gatewayCharge.count({ where: { status: 'succeeded' } });
      const added = await postMutation(shop.url, 'cart.setItemQuantity', { key: randomUUID(), body: { productId: 'kenya-nyeri', quantity: 2, expectedVersion: 0 }, cookie });
      const declined = await api.place(randomUUID(), { cartVersion: dataOf<Cart>(added).version, ...SAMPLE_CHECKOUT, payment: { token: 'tok_chargeDeclined' } });
      expect(declined.status, declined.body).toBe(402);
      const first = detailsOf<{ orderId: string }>(declined).orderId;
      const emptied = dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie })).version;

      // Tab A cancels, tab B pays the order with another card, tab C checks out the cart it sees (empty).
      const sends = [() => api.cancel(randomUUID(), first), () => api.pay(randomUUID(), first, 'tok_visa'), () => api.place(randomUUID(), { cartVersion: emptied, ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } })];
      const order = round % 2 === 0 ? sends : [...sends].reverse();
      const answers = await Promise.all(order.map((send) => send()));
      const [cancel, pay, place] = round % 2 === 0 ? answers : [...answers].reverse();
      const outcome = `round ${round}: cancel ${describeResponse('', cancel!)}, pay ${describeResponse('', pay!)}, place ${describeResponse('', place!)}`;
      expect([cancel!.status, pay!.status].sort(), outcome).toEqual([200, 409]);
      expect(['CART_EMPTY', 'CART_VERSION_STALE'], outcome).toContain(errorCode(place!.body));

      // Whatever won, the shopper can still buy the two bags once: from the cart the cancel refilled.
      const cart = dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie }));
      if (cancel!.status === 200) {
        expect(cart.items.map((i) => [i.productId, i.quantity]), outcome).toEqual([['kenya-nyeri', 2]]);
        const bought = await api.place(randomUUID(), { cartVersion: cart.version, ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } });
        expect(bought.status, outcome).toBe(200);
      } else expect(cart.items, outcome).toEqual([]);
      expect(await stock(), outcome).toBe(stockBefore - 2);
      expect((await shop.db.gatewayCharge.count({ where: { status: 'succeeded' } })) - chargesBefore, outcome).toBe(1);
      expect(dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie })).items, outcome).toEqual([]);
    }
  });

  it(`keeps the books through ${SESSIONS} shoppers × ${ROUNDS} orders × ${BURSTS} bursts`, { timeout: 120_000 }, async () => {
    const cookies = await Promise.all(Array.from({ length: SESSIONS }, () => openSession(shop.url)));
    const orders = new Map<string, Tracked>();
    const log: string[] = [];
    const stockBefore = new Map((await shop.db.product.findMany()).map((p) => [p.id, p.stock]));
    const succeededBefore = await shop.db.gatewayCharge.count({ where: { status: 'succeeded' } });

    for (let round = 1; round <= ROUNDS; round++) {
      await Promise.all(
        cookies.map(async (cookie) => {
          const lines = [...new Set([pick(PRODUCTS), pick(PRODUCTS)])].map((productId) => ({ productId, quantity: 1 + Math.floor(Math.random() * 3) }));
          const token = pick(['tok_chargeDeclined', 'tok_chargeDeclinedInsufficientFunds', 'tok_never_heard_of']);
          const placed = await postMutation(shop.url, 'checkout.placeOrder', { key: randomUUID(), body: { items: lines, ...SAMPLE_CHECKOUT, payment: { token } }, cookie });
          expect(placed.status, placed.body).toBe(402);
          const orderId = detailsOf<{ orderId: string }>(placed).orderId;
          const tracked: Tracked = { cookie, lines, payWins: [], cancelWins: [] };
          orders.set(orderId, tracked);
          for (let b = 1; b <= BURSTS; b++) {
            await burst(tracked, orderId, round === 1, log);
            const now = await shop.db.order.findUniqueOrThrow({ where: { id: orderId } });
            if (now.status !== 'AWAITING_PAYMENT') break;
          }
        }),
      );
    }

    // No attempt left being charged; each order paid or cancelled at most once.
    const stored = await shop.db.order.findMany({ where: { id: { in: [...orders.keys()] } }, include: { payments: true, items: true } });
    const summary = stored.map((o) => `${o.status}:${o.payments.map((p) => p.status[0]).join('')}`).join(' ');
    const tally = new Map<string, number>();
    for (const line of log) tally.set(line.slice(9), (tally.get(line.slice(9)) ?? 0) + 1);
    console.info(`storm on ${provider}: ${summary}\n${[...tally].map(([answer, n]) => `${n} × ${answer}`).join('; ')}`);
    for (const order of stored) {
      const tracked = orders.get(order.id)!;
      const context = `order ${order.id}: ${order.status}, attempts ${order.payments.map((p) => p.status).join(',')}; pay wins ${tracked.payWins.length}, cancel wins ${tracked.cancelWins.length}`;
      expect(order.payingAttempt, context).toBeNull();
      expect(tracked.payWins.length, context).toBeLessThanOrEqual(1);
      expect(tracked.cancelWins.length, context).toBeLessThanOrEqual(1);
      expect(order.payments.filter((p) => p.status === 'SUCCEEDED').length, context).toBe(order.status === 'PAID' ? 1 : 0);
      if (tracked.payWins.length === 1) expect(order.status, context).toBe('PAID');
      if (tracked.cancelWins.length === 1) expect(order.status, context).toBe('CANCELLED');
      expect(order.payments.every((p) => p.status !== 'PENDING'), context).toBe(true);
    }

    // One succeeded charge per PAID order, none for the others.
    const paid = stored.filter((o) => o.status === 'PAID');
    expect((await shop.db.gatewayCharge.count({ where: { status: 'succeeded' } })) - succeededBefore).toBe(paid.length);

    // Stock: taken for every order not cancelled, back for every cancelled one — once.
    const held = new Map<string, number>();
    for (const order of stored.filter((o) => o.status !== 'CANCELLED')) for (const item of order.items) held.set(item.productId, (held.get(item.productId) ?? 0) + item.quantity);
    for (const { id } of catalog) {
      const stock = (await shop.db.product.findUniqueOrThrow({ where: { id } })).stock;
      expect(stock, `stock of ${id}`).toBe(stockBefore.get(id)! - (held.get(id) ?? 0));
    }

    // Carts: refilled by each cancel that answered 200, never by the expiry, never twice.
    for (const cookie of cookies) {
      const expected = new Map<string, number>();
      for (const tracked of [...orders.values()].filter((t) => t.cookie === cookie && t.cancelWins.length > 0)) {
        for (const line of tracked.lines) expected.set(line.productId, Math.min(99, (expected.get(line.productId) ?? 0) + line.quantity));
      }
      const cart = dataOf<Cart>(await getQuery(shop.url, 'cart.get', { cookie }));
      const restored = cart.items.filter((i) => i.productId !== EDITED).map((i) => [i.productId, i.quantity]);
      expect(restored.sort(), `cart of ${cookie.slice(0, 20)}`).toEqual([...expected].sort());
    }

    expect(await shop.db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } })).toBe(0);
    expect(await findMismatches(shop.db, { graceMs: 0, now: () => new Date(Date.now() + 1_000) })).toEqual([]);
    expect(log.length).toBeGreaterThan(SESSIONS * ROUNDS * 5);
  });
});
