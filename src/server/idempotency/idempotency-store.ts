import { prismaLeases, prismaStore, type IdempotencyStore, type LeaseStore } from '@idem/trpc-server';
import type { Db } from '../db/create-db';
import { readServerEnv, transactionTimeoutMs } from '../env';
import type { Tx } from '../db/tx';

const stores = new WeakMap<Db, { records: IdempotencyStore<Tx>; leases: LeaseStore }>();

/** The idempotency records and leases of `db`, one pair per client. */
export function idempotencyStoresFor(db: Db): { records: IdempotencyStore<Tx>; leases: LeaseStore } {
  let pair = stores.get(db);
  if (!pair) {
    const env = readServerEnv();
    const records = prismaStore<Tx>({ db, transactionTimeoutMs: transactionTimeoutMs(env), replayFlushMs: env.IDEMPOTENCY_REPLAY_FLUSH_MS });
    pair = { records, leases: prismaLeases({ db }) };
    stores.set(db, pair);
  }
  return pair;
}
