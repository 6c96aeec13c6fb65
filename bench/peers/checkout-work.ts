/**
 * The work every peer variant does for `POST /order`, in plain SQL on better-sqlite3, so that the
 * variants differ only in the idempotency library in front of it: one transaction reserves (a
 * conditional stock decrement and the order row, labelled with the request's key), then the
 * simulated payment provider records a charge row under the key (outside that transaction, as an
 * external system would, after one turn of the event loop, as a network call would take), then a
 * second transaction settles the order. The database is a scratch file per variant, in WAL mode with
 * a busy timeout, as `npm start` prepares the app's SQLite file.
 */
import Database from 'better-sqlite3';

/** What a shopper posts: one product, a quantity. */
export interface OrderInput {
  productId: number;
  quantity: number;
}

/** The answer to a paid order. */
export interface OrderConfirmation {
  orderId: number;
  status: 'PAID';
  totalCents: number;
}

/** The order could not be reserved: the product is unknown or out of stock (stable code, HTTP 409). */
export class OutOfStockError extends Error {
  readonly code = 'OUT_OF_STOCK';
  readonly status = 409;
  constructor(readonly productId: number) {
    super(`product ${productId} is unknown or out of stock`);
    this.name = 'OutOfStockError';
  }
}

/** Places one order under `key` (a label on the rows: nothing here deduplicates). */
export type PlaceOrder = (key: string, input: OrderInput) => Promise<OrderConfirmation>;

/** The products a scratch database holds, each with a stock no run can exhaust. */
export const PEER_PRODUCTS = 14;
const PRICE_CENTS = 1299;
const STOCK = 1_000_000_000;

const SCHEMA = `
  CREATE TABLE products (id INTEGER PRIMARY KEY, price_cents INTEGER NOT NULL, stock INTEGER NOT NULL);
  CREATE TABLE orders (id INTEGER PRIMARY KEY, request_key TEXT NOT NULL, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL,
    total_cents INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE INDEX orders_request_key ON orders (request_key);
  CREATE TABLE charges (id INTEGER PRIMARY KEY, idempotency_key TEXT NOT NULL, order_id INTEGER NOT NULL, amount_cents INTEGER NOT NULL,
    status TEXT NOT NULL, created_at INTEGER NOT NULL);
`;

/** Opens (and with `create`, first makes) a peer scratch database. */
export function openPeerDatabase(file: string, { create = false }: { create?: boolean } = {}): Database.Database {
  const db = new Database(file, { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  if (create) {
    db.exec(SCHEMA);
    const insert = db.prepare('INSERT INTO products (id, price_cents, stock) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let id = 1; id <= PEER_PRODUCTS; id++) insert.run(id, PRICE_CENTS, STOCK);
    })();
  }
  return db;
}

/** The orders placed under `key`: how many times the work ran for it. */
export function countOrders(db: Database.Database, key: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM orders WHERE request_key = ?').get(key) as { n: number }).n;
}

/** The checkout on `db`, its statements prepared once. */
export function checkoutWork(db: Database.Database): PlaceOrder {
  const decrement = db.prepare('UPDATE products SET stock = stock - @quantity WHERE id = @productId AND stock >= @quantity RETURNING price_cents AS priceCents');
  const insertOrder = db.prepare("INSERT INTO orders (request_key, product_id, quantity, total_cents, status, created_at) VALUES (?, ?, ?, ?, 'PENDING', ?) RETURNING id");
  const insertCharge = db.prepare("INSERT INTO charges (idempotency_key, order_id, amount_cents, status, created_at) VALUES (?, ?, ?, 'succeeded', ?) RETURNING id");
  const settle = db.prepare("UPDATE orders SET status = 'PAID' WHERE id = ? AND status = 'PENDING'");

  const reserve = db.transaction((key: string, input: OrderInput) => {
    const product = decrement.get(input) as { priceCents: number } | undefined;
    if (!product) throw new OutOfStockError(input.productId);
    const totalCents = product.priceCents * input.quantity;
    const order = insertOrder.get(key, input.productId, input.quantity, totalCents, Date.now()) as { id: number };
    return { orderId: order.id, totalCents };
  });
  const settleOrder = db.transaction((orderId: number) => settle.run(orderId));

  return async (key, input) => {
    const { orderId, totalCents } = reserve(key, input);
    await new Promise<void>((resolve) => setImmediate(resolve));
    insertCharge.get(`${key}:charge`, orderId, totalCents, Date.now());
    settleOrder(orderId);
    return { orderId, status: 'PAID', totalCents };
  };
}
