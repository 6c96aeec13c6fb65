import { createDb, type Db } from './db/create-db';
import { resolveDatabaseUrl } from './db/database-url';

const globalForDb = globalThis as unknown as { idemDb?: Db };

/**
 * The app's one Prisma client. Kept on `globalThis` so that Next.js dev-mode reloads reuse it
 * instead of opening a new pool on every edit.
 */
export const db: Db = (globalForDb.idemDb ??= createDb(resolveDatabaseUrl()));
