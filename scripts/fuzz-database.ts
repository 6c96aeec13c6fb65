/**
 * The fuzz run's own fresh database, outside vitest: a new SQLite file under .data/fuzz/, or a new
 * PostgreSQL database `idem_fuzz_<id>` on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/test). Migrated and seeded as `npm start` does, then given
 * the fuzz catalog's stock.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { prepareDatabase } from './prepare-database';
import { openScratchDatabase, type ScratchDatabase } from './scratch-database';
import { prepareFuzzCatalog } from '../e2e/fuzz/fuzz-server';
import type { DatabaseProvider } from '~/server/db/database-url';

/** The fuzz run's database; `close({ drop })` deletes it too, `close({ drop: false })` keeps it for a look. */
export type FuzzDatabase = ScratchDatabase;

export async function createFuzzDatabase(provider: DatabaseProvider): Promise<FuzzDatabase> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  return openScratchDatabase(provider, {
    postgresName: `idem_fuzz_${id}`,
    sqliteFile: path.resolve('.data', 'fuzz', id, 'fuzz.db'),
    prepare: prepareDatabase,
    maxConnections: 4,
    fill: prepareFuzzCatalog,
  });
}
