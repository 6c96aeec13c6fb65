/** The sweeper's throughput: how fast `prismaStore.sweepExpired` deletes expired records, in the completer's batches. */
import { prismaStore } from '@idem/trpc-server';
import type { Db } from '~/server/db/create-db';
import type { Tx } from '~/server/db/tx';
import { seedRecords } from './bench-database';

/** The completer's default `sweepBatchSize`. */
const SWEEP_BATCH = 500;

export async function sweeperRecordsPerSecond(db: Db, count: number): Promise<{ deleted: number; perSecond: number }> {
  await seedRecords(db, count, { expired: true });
  const store = prismaStore<Tx>({ db });
  const now = new Date();
  const started = performance.now();
  let deleted = 0;
  for (;;) {
    const n = await store.sweepExpired({ now, limit: SWEEP_BATCH });
    if (n === 0) break;
    deleted += n;
  }
  const seconds = (performance.now() - started) / 1000;
  return { deleted, perSecond: deleted / seconds };
}
