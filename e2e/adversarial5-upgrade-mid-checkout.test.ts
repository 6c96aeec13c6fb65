import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { seed } from '../prisma/seed';
import { expireUnpaidOrders } from '~/server/checkout/expire-unpaid-orders';
import { createDb, type Db } from '~/server/db/create-db';
import type { DatabaseProvider } from '~/server/db/database-url';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { startIdempotencyCompleter } from '~/server/idempotency/start-completer';
import { findMismatches } from '~/server/reconciliation/find-mismatches';
import { issueSession } from '~/server/session/session-cookie';
import { loadSessionSecret } from '~/server/session/session-secret';
import { withDatabase } from '~/test/global-setup';
import { repoRoot } from '~/test/prisma-cli';
import { PROVIDERS } from '~/test/test-database';
import { dataOf, errorCode, getQuery } from './support/api';
import { checkoutCalls } from './support/checkout-api';

/** The migration that brought payment attempts: everything before it is the previous release's schema. */
const ATTEMPTS_MIGRATION = /_store_checkout$/;

/** The request fingerprint the middleware stores: SHA-256 of the path and the input's canonical JSON (these inputs' keys are already sorted). */
const fingerprint = (procedure: string, input: object) => createHash('sha256').update(procedure).update('\n').update(JSON.stringify(input)).digest('base64url');

/** A database at the previous release's schema: SQL runs raw, then the rest of the migrations apply, as `migrate deploy` would. */
interface LegacyDatabase {
  url: string;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** Applies the migrations from `store_checkout` on. */
  upgrade(): Promise<void>;
  drop(): Promise<void>;
}

async function migrationsOf(provider: DatabaseProvider): Promise<{ before: string[]; from: string[] }> {
  const dir = path.join(repoRoot, 'prisma', provider, 'migrations');
  const names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const sql = await Promise.all(names.map((name) => readFile(path.join(dir, name, 'migration.sql'), 'utf8')));
  const cut = names.findIndex((name) => ATTEMPTS_MIGRATION.test(name));
  return { before: sql.slice(0, cut), from: sql.slice(cut) };
}

async function legacyDatabase(provider: DatabaseProvider): Promise<LegacyDatabase> {
  const { before, from } = await migrationsOf(provider);
  if (provider === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'idem-legacy-'));
    const file = path.join(dir, 'legacy.db');
    const raw = new Database(file);
    for (const sql of before) raw.exec(sql);
    return {
      url: `file:${file}`,
      run: async (sql, params = []) => void raw.prepare(sql).run(...params),
      upgrade: async () => {
        for (const sql of from) raw.exec(sql);
        raw.close();
      },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const admin = inject('postgresAdminUrl');
  const name = `idem_legacy_${randomUUID().replaceAll('-', '')}`;
  const adminQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabase(admin, name);
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  for (const sql of before) await raw.query(sql);
  return {
    url,
    run: async (sql, params = []) => void (await raw.query(sql.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })()), params)),
    upgrade: async () => {
      for (const sql of from) await raw.query(sql);
      await raw.end();
    },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * What the previous release leaves in the database for a checkout that was charged and not yet
 * settled when the new release is deployed (its process killed after the charge — a crash, or the
 * deploy itself — its client gone): the order AWAITING_PAYMENT with its PENDING payment, the
 * provider's succeeded charge under `<record id>:charge`, and the key IN_PROGRESS at `order_created`.
 */
async function checkoutChargedByThePreviousRelease(legacy: LegacyDatabase, sessionId: string) {
  const ts = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().replace('Z', '+00:00');
  const [orderId, recordId] = [randomUUID(), randomUUID()];
  const key = 'checkout-before-the-deploy';
  const input = { cartVersion: 1, payment: { token: 'tok_visa' } };
  const chargeKey = `${recordId}:charge`;
  const reserved = { orderId, totalCents: 16_995, currency: 'USD', fromCart: true };
  await legacy.run(`INSERT INTO "products" ("id","sku","name","description","priceCents","currency","stock","updatedAt") VALUES (?,?,?,?,?,?,?,?)`, [
    'baratza-encore', 'GRD-001', 'Baratza Encore Burr Grinder', 'Conical burrs.', 16_995, 'USD', 11, ts(7_200_000),
  ]);
  await legacy.run(`INSERT INTO "orders" ("id","sessionId","idempotencyKey","status","currency","subtotalCents","totalCents","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?)`, [
    orderId, sessionId, key, 'AWAITING_PAYMENT', 'USD', 16_995, 16_995, ts(7_200_000), ts(7_200_000),
  ]);
  await legacy.run(`INSERT INTO "order_items" ("id","orderId","productId","productName","unitPriceCents","quantity","lineTotalCents") VALUES (?,?,?,?,?,?,?)`, [
    randomUUID(), orderId, 'baratza-encore', 'Baratza Encore Burr Grinder', 16_995, 1, 16_995,
  ]);
  await legacy.run(`INSERT INTO "payments" ("id","orderId","provider","providerIdempotencyKey","amountCents","currency","status","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?)`, [
    randomUUID(), orderId, 'simulated', chargeKey, 16_995, 'USD', 'PENDING', ts(7_200_000), ts(7_200_000),
  ]);
  await legacy.run(`INSERT INTO "gateway_charges" ("id","idempotencyKey","token","amountCents","currency","status","createdAt") VALUES (?,?,?,?,?,?,?)`, [
    randomUUID(), chargeKey, 'tok_visa', 16_995, 'USD', 'succeeded', ts(7_199_000),
  ]);
  await legacy.run(
    `INSERT INTO "idempotency_records" ("id","scope","key","procedure","fingerprint","status","recoveryPoint","phaseData","input","lockToken","lockedUntil","expiresAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      recordId, sessionId, key, 'checkout.placeOrder', fingerprint('checkout.placeOrder', input), 'IN_PROGRESS', 'order_created', JSON.stringify({ order_created: reserved }),
      JSON.stringify(input), randomUUID(), ts(7_170_000), ts(-79_200_000), ts(7_200_000), ts(7_200_000),
    ],
  );
  return { orderId, key };
}

/**
 * The store_checkout migration adds `payingAttempt` as NULL for every order and backfills only the
 * number and the attempt count: an order whose first (and only) attempt was being charged at the
 * deploy comes out as "awaiting payment, no attempt being charged" — payable with another card,
 * cancellable, expirable — while its PENDING attempt may have been charged. And the previous
 * release's stored input (no contact, no shipping) fails the new input schema, so neither the
 * client's retry nor the completer can ever resume that key.
 */
describe.each(PROVIDERS)('a checkout charged by the previous release and unsettled at the upgrade, on %s', (provider) => {
  let legacy: LegacyDatabase;
  let db: Db;
  let api: ApiServer;
  let cookie: string;
  let orderId: string;
  beforeEach(async () => {
    legacy = await legacyDatabase(provider);
    // The shopper's session, signed as the server signs it: the old order belongs to its id.
    const session = issueSession(loadSessionSecret(), { secure: false, maxAgeS: 3_600 });
    cookie = `${session.name}=${session.cookieValue}`;
    ({ orderId } = await checkoutChargedByThePreviousRelease(legacy, session.id));
    await legacy.upgrade();
    db = createDb(legacy.url);
    await seed(db);
    api = await serveApi({ db });
  });
  afterEach(async () => {
    await api?.close();
    await db?.$disconnect();
    await legacy?.drop();
  });

  const succeededCharges = () => db.gatewayCharge.count({ where: { status: 'succeeded' } });

  it('is not offered for another card, and paying it again is refused: the shopper is charged once', async () => {
    const screen = dataOf<{ openOrder: { orderId: string } | null }>(await getQuery(api.url, 'checkout.screen', { cookie }));
    const again = await checkoutCalls(api.url, cookie).pay(randomUUID(), orderId, 'tok_mastercard');
    const outcome = { openOrder: screen.openOrder?.orderId ?? null, pay: [again.status, errorCode(again.body) ?? null], succeededCharges: await succeededCharges() };
    expect(outcome).toEqual({ openOrder: null, pay: [409, 'ORDER_NOT_PAYABLE'], succeededCharges: 1 });
  });

  it('is not cancelled by the expiry job while its attempt is unsettled: no charged order cancelled, no stock returned under a charge', async () => {
    const expired = await expireUnpaidOrders(db, { windowMs: 1_800_000 });
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const stock = (await db.product.findUniqueOrThrow({ where: { id: 'baratza-encore' } })).stock;
    expect({ expired, status: order.status, stock }).toEqual({ expired: 0, status: 'AWAITING_PAYMENT', stock: 11 });
  });

  it('is finished by the completer: PAID with its one charge, nothing flagged, reconciliation clean', { timeout: 30_000 }, async () => {
    const completer = startIdempotencyCompleter({ db, intervalMs: 100, onEvent: () => {} });
    try {
      // Settled, or given up on (flagged for an operator): whichever comes first.
      await expect
        .poll(async () => {
          const record = await db.idempotencyRecord.findFirstOrThrow({ where: { procedure: 'checkout.placeOrder' } });
          return record.status === 'COMPLETED' || record.flaggedAt !== null;
        }, { timeout: 20_000, interval: 100 })
        .toBe(true);
    } finally {
      await completer.stop();
    }
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { procedure: 'checkout.placeOrder' } });
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: true } });
    const mismatches = await findMismatches(db, { graceMs: 0, now: () => new Date(Date.now() + 1_000) });
    expect({
      record: [record.status, record.flagReason],
      order: [order.status, order.payments.map((p) => p.status)],
      succeededCharges: await succeededCharges(),
      mismatches: mismatches.map((m) => m.kind),
    }).toEqual({ record: ['COMPLETED', null], order: ['PAID', ['SUCCEEDED']], succeededCharges: 1, mismatches: [] });
  });
});
