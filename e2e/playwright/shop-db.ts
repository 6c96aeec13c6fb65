import Database from 'better-sqlite3';

/** What one shopper (guest session) left in the database. */
export interface SessionCounts {
  /** Rows in `orders`. */
  orders: number;
  paidOrders: number;
  failedOrders: number;
  /**
   * Rows in `gateway_charges` for this shopper: what the card was actually charged. A charge counts
   * when one of the session's orders' payments names it (by the key it was asked with, or by the
   * charge id it got back), or when its key is derived from one of the session's idempotency
   * records (`<record id>:…`), whatever the suffix. So an order executed twice for one key shows
   * as two charges, and so does a second charge under another derived key.
   */
  charges: number;
  declinedCharges: number;
  /** Idempotency keys the server saw for `checkout.placeOrder`. */
  keys: number;
  /** How often the server answered those keys from its stored outcome. */
  replays: number;
  /** Of those keys, the ones whose request is still running (or died) on the server: IN_PROGRESS. */
  inProgressKeys: number;
}

/**
 * Reads the e2e database directly (the file `next start` writes), the ground truth the UI is
 * checked against. The gateway's charge key is derived from the idempotency record (`<record id>:charge`).
 */
export function countsForSession(sessionId: string): SessionCounts {
  const url = process.env.E2E_DATABASE_URL ?? '';
  const db = new Database(url.slice('file:'.length), { readonly: true, fileMustExist: true });
  try {
    const orders = db
      .prepare(
        `SELECT COUNT(*) AS orders, COALESCE(SUM(status = 'PAID'), 0) AS paidOrders, COALESCE(SUM(status = 'CANCELLED'), 0) AS failedOrders
         FROM orders WHERE sessionId = ?`,
      )
      .get(sessionId) as Pick<SessionCounts, 'orders' | 'paidOrders' | 'failedOrders'>;
    const charges = db
      .prepare(
        `SELECT COUNT(*) AS charges, COALESCE(SUM(g.status = 'declined'), 0) AS declinedCharges
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
      .get({ sessionId }) as Pick<SessionCounts, 'charges' | 'declinedCharges'>;
    const keys = db
      .prepare(`SELECT COUNT(*) AS keys, COALESCE(SUM(replayCount), 0) AS replays, COALESCE(SUM(status = 'IN_PROGRESS'), 0) AS inProgressKeys FROM idempotency_records WHERE scope = ? AND procedure = 'checkout.placeOrder'`)
      .get(sessionId) as Pick<SessionCounts, 'keys' | 'replays' | 'inProgressKeys'>;
    return { ...orders, ...charges, ...keys };
  } finally {
    db.close();
  }
}
