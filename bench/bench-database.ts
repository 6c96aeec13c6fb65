/**
 * The benchmark's scratch databases: a fresh SQLite file under .data/bench/, and a fresh
 * PostgreSQL database `idem_bench` on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/test) when one answers. Each is migrated and seeded as
 * `npm start` does, and its products get a stock no run can exhaust: every first execution buys one.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from '../scripts/prepare-database';
import { createDb, type Db } from '~/server/db/create-db';
import type { DatabaseProvider } from '~/server/db/database-url';

export interface BenchDatabase {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  close(): Promise<void>;
}

const BENCH_STOCK = 1_000_000_000;
const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export async function sqliteBenchDatabase(dataDir: string): Promise<BenchDatabase> {
  const dir = path.join(dataDir, 'sqlite');
  rmSync(dir, { recursive: true, force: true });
  return prepared('sqlite', `file:${path.join(dir, 'bench.db')}`);
}

/** The scratch PostgreSQL database, or the reason there is none. */
export async function postgresBenchDatabase(): Promise<BenchDatabase | { skipped: string }> {
  const admin = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    return { skipped: `no PostgreSQL answered at ${redact(admin)} (${(error as Error).message}); set TEST_POSTGRES_URL to include it` };
  }
  try {
    await client.query('DROP DATABASE IF EXISTS idem_bench WITH (FORCE)');
    await client.query('CREATE DATABASE idem_bench');
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = '/idem_bench';
  return prepared('postgresql', url.toString());
}

async function prepared(provider: DatabaseProvider, url: string): Promise<BenchDatabase> {
  await prepareDatabase(url);
  const db = createDb(url, { maxConnections: 4 });
  await db.product.updateMany({ data: { stock: BENCH_STOCK } });
  return { provider, url, db, close: () => db.$disconnect() };
}

/** Adds `count` stored (completed) idempotency records, as many past checkouts would leave. */
export async function seedRecords(db: Db, count: number, { expired = false }: { expired?: boolean } = {}): Promise<void> {
  const expiresAt = new Date(Date.now() + (expired ? -3_600_000 : 7 * 86_400_000));
  const body = JSON.stringify({ orderId: randomUUID(), status: 'PAID', totalCents: 1299 });
  for (let done = 0; done < count; ) {
    const n = Math.min(2_000, count - done);
    const scope = `bench-seed-${randomUUID()}`;
    await db.idempotencyRecord.createMany({
      data: Array.from({ length: n }, () => ({
        scope,
        key: randomUUID(),
        procedure: 'checkout.placeOrder',
        fingerprint: 'seeded',
        status: 'COMPLETED' as const,
        recoveryPoint: 'finished',
        responseStatus: 200,
        responseBody: body,
        expiresAt,
      })),
    });
    done += n;
  }
}

function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
