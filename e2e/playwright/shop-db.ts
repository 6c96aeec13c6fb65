import Database from 'better-sqlite3';

/** What one shopper (guest session) left in the database. */
export interface SessionCounts {
  /** Rows in `orders`. */
  orders: number;
  paidOrders: number;
  failedOrders: number;
  /** Rows in `gateway_charges` made for this session's keys: what the card was actually charged. */
  charges: number;
  declinedCharges: number;
  /** Idempotency keys the server saw for `checkout.placeOrder`. */
  keys: number;
  /** How often the server answered those keys from its stored outcome. */
  replays: number;
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
        `SELECT COUNT(*) AS orders, COALESCE(SUM(status = 'PAID'), 0) AS paidOrders, COALESCE(SUM(status = 'PAYMENT_FAILED'), 0) AS failedOrders
         FROM orders WHERE sessionId = ?`,
      )
      .get(sessionId) as Pick<SessionCounts, 'orders' | 'paidOrders' | 'failedOrders'>;
    const charges = db
      .prepare(
        `SELECT COUNT(*) AS charges, COALESCE(SUM(g.status = 'declined'), 0) AS declinedCharges
         FROM gateway_charges g JOIN idempotency_records r ON g.idempotencyKey = r.id || ':charge'
         WHERE r.scope = ?`,
      )
      .get(sessionId) as Pick<SessionCounts, 'charges' | 'declinedCharges'>;
    const keys = db
      .prepare(`SELECT COUNT(*) AS keys, COALESCE(SUM(replayCount), 0) AS replays FROM idempotency_records WHERE scope = ? AND procedure = 'checkout.placeOrder'`)
      .get(sessionId) as Pick<SessionCounts, 'keys' | 'replays'>;
    return { ...orders, ...charges, ...keys };
  } finally {
    db.close();
  }
}
