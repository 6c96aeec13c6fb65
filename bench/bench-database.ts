/**
 * The benchmark's scratch databases: a fresh SQLite file under .data/bench/, and a fresh
 * PostgreSQL database `idem_bench` on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/test) when one answers. Each is migrated and seeded as
 * `npm start` does, and its products get a stock no run can exhaust: every first execution buys one.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { prepareDatabase } from '../scripts/prepare-database';
import { openScratchDatabase, PostgresUnreachableError, type ScratchDatabase, type ScratchDatabaseOptions } from '../scripts/scratch-database';
import type { Db } from '~/server/db/create-db';
import { redactDatabaseUrl } from '~/server/db/database-url';

/** A benchmark database; `close()` disconnects and leaves it, to be replaced by the next run. */
export type BenchDatabase = ScratchDatabase;

const BENCH_STOCK = 1_000_000_000;

/** Both scratch databases replace what an earlier run left: their names are fixed. */
const BENCH_OPTIONS: ScratchDatabaseOptions = {
  postgresName: 'idem_bench',
  replace: true,
  prepare: prepareDatabase,
  maxConnections: 4,
  fill: (db) => db.product.updateMany({ data: { stock: BENCH_STOCK } }),
  connectTimeoutMs: 3_000,
};

export async function sqliteBenchDatabase(dataDir: string): Promise<BenchDatabase> {
  return openScratchDatabase('sqlite', { ...BENCH_OPTIONS, sqliteFile: path.join(dataDir, 'sqlite', 'bench.db') });
}

/** The scratch PostgreSQL database, or the reason there is none. */
export async function postgresBenchDatabase(): Promise<BenchDatabase | { skipped: string }> {
  try {
    return await openScratchDatabase('postgresql', BENCH_OPTIONS);
  } catch (error) {
    if (!(error instanceof PostgresUnreachableError)) throw error;
    const reason = (error.cause as Error).message;
    return { skipped: `no PostgreSQL answered at ${redactDatabaseUrl(error.adminUrl)} (${reason}); set TEST_POSTGRES_URL to include it` };
  }
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
