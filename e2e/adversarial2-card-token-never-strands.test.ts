import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { catalog } from '../prisma/catalog';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review, round two: the card token is client input (1–100 characters, nothing more
// checked) and reaches the gateway only after `order_created` committed. A token the gateway code
// cannot handle is a client's mistake, but it failed as a 500 after the order existed: the key
// stays resumable, every retry and every completer run fails the same way, and after five runs
// the record is flagged — the order stays AWAITING_PAYMENT holding its stock, with nothing that
// can ever settle or cancel it (the operator's Retry runs the same failing request again).
// - 'toString' (or 'constructor', '__proto__'): `DECLINES[token]` finds Object.prototype's member,
//   and a function is written as the decline code: a Prisma validation error (both databases).
// - a NUL character: PostgreSQL refuses it in a text column (the gateway ledger's `token`).
// Since then the gateway knows its tokens: any other is refused before anything is recorded, the
// shop stores 402 PAYMENT_TOKEN_INVALID and the order stays open — awaiting payment with no attempt
// being charged, so it can be paid with another card, cancelled, or expired — never stranded.

const LOCK_TIMEOUT_MS = 1_000;
const INTERVAL_MS = 200;
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: String(INTERVAL_MS) };
const SETTLED_WITHIN = { timeout: LOCK_TIMEOUT_MS + 40 * INTERVAL_MS, interval: 100 };
const seeded = catalog.find((p) => p.id === 'limited-gesha')!.stock;

const tokens = (provider: string) => [
  ['toString', 'toString'],
  ['__proto__', '__proto__'],
  ...(provider === 'postgresql' ? [['a NUL character', 'tok_visa\u0000']] : []),
];

describe.each(PROVIDERS)('a card token the gateway cannot use never strands an order, on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.each(tokens(provider))('token %s: the client gets a 4xx, nothing is charged, and the order is never left being charged (it can be cancelled)', async (_name, token) => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, env);
    const cookie = await openSession(server.url);

    const first = await postMutation(server.url, 'checkout.placeOrder', { key: 'token-1', body: order('limited-gesha', 3, token), cookie });
    // The client gave up after that answer. Wait until the completer is done with the key: the
    // record completed, or flagged for an operator.
    await expect
      .poll(async () => {
        const record = await database!.db.idempotencyRecord.findFirst({ where: { key: 'token-1' } });
        return record === null || record.status === 'COMPLETED' || record.flaggedAt !== null;
      }, SETTLED_WITHIN)
      .toBe(true);

    const orders = await database.db.order.findMany({ where: { idempotencyKey: 'token-1' } });
    const record = await database.db.idempotencyRecord.findFirst({ where: { key: 'token-1' } });
    const stock = async () => (await database!.db.product.findUniqueOrThrow({ where: { id: 'limited-gesha' } })).stock;
    const state = { firstStatus: first.status, orders: orders.map((o) => [o.status, o.payingAttempt]), flagReason: record?.flagReason ?? null, stock: await stock() };
    expect(first.status, JSON.stringify(state)).toBeLessThan(500);
    expect(record?.flaggedAt ?? null, JSON.stringify(state)).toBeNull();
    // No order is left being charged: each is settled, or open for another card or a cancel.
    expect(orders.filter((o) => o.payingAttempt !== null), JSON.stringify(state)).toEqual([]);
    expect(await database.db.gatewayCharge.count(), JSON.stringify(state)).toBe(0);
    const open = orders.filter((o) => o.status === 'AWAITING_PAYMENT');
    for (const order of open) {
      const cancelled = await postMutation(server.url, 'checkout.cancelOrder', { key: `cancel-${order.id}`, body: { orderId: order.id }, cookie });
      expect(cancelled.status, JSON.stringify(state)).toBe(200);
    }
    expect(await stock(), JSON.stringify(state)).toBe(seeded);
  });
});
