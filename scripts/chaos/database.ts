/**
 * A scenario's database outside vitest (`npm run chaos`): a fresh SQLite file under .data/chaos/, or
 * a fresh PostgreSQL database on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/test), migrated by the Prisma CLI and seeded. Dropped after
 * a clean run; kept, for a look, after a violation.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { seed } from '../../prisma/seed';
import { openScratchDatabase } from '../scratch-database';
import type { Db } from '~/server/db/create-db';
import type { DatabaseProvider } from '~/server/db/database-url';
import { prismaCli, repoRoot } from '~/test/prisma-cli';

/** A database a scenario may fill: migrated and seeded. */
export interface ChaosDatabase {
  url: string;
  db: Db;
  /** Disconnects and deletes it. */
  drop(): Promise<void>;
}

export type OpenDatabase = (provider: DatabaseProvider) => Promise<ChaosDatabase>;

export async function freshDatabase(provider: DatabaseProvider): Promise<ChaosDatabase> {
  const name = `idem_chaos_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  return openScratchDatabase(provider, {
    postgresName: name,
    sqliteFile: path.join(repoRoot, '.data', 'chaos', name, 'chaos.db'),
    prepare: (url) => prismaCli(['migrate', 'deploy'], url),
    fill: seed,
  });
}
