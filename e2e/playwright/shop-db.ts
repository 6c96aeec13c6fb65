import Database from 'better-sqlite3';

/** What one shopper (guest session) left in the database. */
export interface SessionCounts {
  /** Rows in `orders`. */
  orders: number;
  paidOrders: number;
  /** Orders given up (cancelled by the shopper, or expired unpaid). */
  cancelledOrders: number;
  /** Orders still awaiting payment (e.g. after a decline). */
  awaitingOrders: number;
  /** Rows in `payments` of the session's orders: one per payment attempt. */
  paymentAttempts: number;
  /**
   * Rows in `gateway_charges` for this shopper: what the card was actually charged. A charge counts
   * when one of the session's orders' payments names it (by the key it was asked with, or by the
   * charge id it got back), or when its key is derived from one of the session's idempotency
   * records (`<record id>:…`), whatever the suffix. So an order executed twice for one key shows
   * as two charges, and so does a second charge under another derived key.
   */
  charges: number;
  declinedCharges: number;
  succeededCharges: number;
  /** Idempotency keys the server saw for `checkout.placeOrder`. */
  keys: number;
  /** How often the server answered those keys from its stored outcome. */
  replays: number;
  /** Of those keys, the ones whose request is still running (or died) on the server: IN_PROGRESS. */
  inProgressKeys: number;
  /** Idempotency keys the server saw for `checkout.payOrder` (another card on an open order). */
  payOrderKeys: number;
  /** Idempotency keys the server saw for `checkout.cancelOrder`. */
  cancelOrderKeys: number;
}

function openDatabase(): Database.Database {
  const url = process.env.E2E_DATABASE_URL ?? '';
  return new Database(url.slice('file:'.length), { readonly: true, fileMustExist: true });
}

/**
 * Reads the e2e database directly (the file `next start` writes), the ground truth the UI is
 * checked against. The gateway's charge key is derived from the idempotency record (`<record id>:charge`).
 */
export function countsForSession(sessionId: string): SessionCounts {
  const db = openDatabase();
  try {
    const orders = db
      .prepare(
        `SELECT COUNT(*) AS orders, COALESCE(SUM(status = 'PAID'), 0) AS paidOrders, COALESCE(SUM(status = 'CANCELLED'), 0) AS cancelledOrders,
                COALESCE(SUM(status = 'AWAITING_PAYMENT'), 0) AS awaitingOrders,
                (SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.orderId WHERE o.sessionId = @sessionId) AS paymentAttempts
         FROM orders WHERE sessionId = @sessionId`,
      )
      .get({ sessionId }) as Pick<SessionCounts, 'orders' | 'paidOrders' | 'cancelledOrders' | 'awaitingOrders' | 'paymentAttempts'>;
    const charges = db
      .prepare(
        `SELECT COUNT(*) AS charges, COALESCE(SUM(g.status = 'declined'), 0) AS declinedCharges, COALESCE(SUM(g.status = 'succeeded'), 0) AS succeededCharges
         FROM gateway_charges g
         WHERE g.id IN (
                 SELECT c.id FROM gateway_charges c
                 JOIN payments p ON p.providerIdempotencyKey = c.idempotencyKey OR p.providerChargeId = c.id
                 JOIN orders o ON o.id = p.orderId
                 WHERE o.sessionId = @sessionId)
            OR EXISTS (
                 SELECT 1 FROM idempotency_records r
                 WHERE r.scope = @sessionId AND substr(g.idempotencyKey, 1, length(r.id) + 1) = r.id || ':')`,
      )
      .get({ sessionId }) as Pick<SessionCounts, 'charges' | 'declinedCharges' | 'succeededCharges'>;
    const keys = db
      .prepare(
        `SELECT COALESCE(SUM(procedure = 'checkout.placeOrder'), 0) AS keys,
                COALESCE(SUM(CASE WHEN procedure = 'checkout.placeOrder' THEN replayCount ELSE 0 END), 0) AS replays,
                COALESCE(SUM(procedure = 'checkout.placeOrder' AND status = 'IN_PROGRESS'), 0) AS inProgressKeys,
                COALESCE(SUM(procedure = 'checkout.payOrder'), 0) AS payOrderKeys,
                COALESCE(SUM(procedure = 'checkout.cancelOrder'), 0) AS cancelOrderKeys
         FROM idempotency_records WHERE scope = ?`,
      )
      .get(sessionId) as Pick<SessionCounts, 'keys' | 'replays' | 'inProgressKeys' | 'payOrderKeys' | 'cancelOrderKeys'>;
    return { ...orders, ...charges, ...keys };
  } finally {
    db.close();
  }
}

/** The session's cart lines in the database, by product id, e.g. `{ 'espresso-blend': 1 }`. */
export function cartForSession(sessionId: string): Record<string, number> {
  const db = openDatabase();
  try {
    const rows = db
      .prepare('SELECT i.productId, i.quantity FROM cart_items i JOIN carts c ON c.id = i.cartId WHERE c.sessionId = ? ORDER BY i.productId')
      .all(sessionId) as { productId: string; quantity: number }[];
    return Object.fromEntries(rows.map((row) => [row.productId, row.quantity]));
  } finally {
    db.close();
  }
}
