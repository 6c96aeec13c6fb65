import type { Db } from './create-db';

/** A Prisma transaction client of the app's database: what `db.$transaction(async (tx) => …)` hands over. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
