/**
 * The fuzz run's own fresh database, outside vitest: a new SQLite file under .data/fuzz/, or a new
 * PostgreSQL database `idem_fuzz_<id>` on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/test). Migrated and seeded as `npm start` does, then given
 * the fuzz catalog's stock.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { prepareDatabase } from './prepare-database';
import { prepareFuzzCatalog } from '../e2e/fuzz/fuzz-server';
import { createDb, type Db } from '~/server/db/create-db';
import type { DatabaseProvider } from '~/server/db/database-url';

const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export interface FuzzDatabase {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  /** Disconnects; with `drop`, deletes the database too. */
  close(options: { drop: boolean }): Promise<void>;
}

export async function createFuzzDatabase(provider: DatabaseProvider): Promise<FuzzDatabase> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  if (provider === 'sqlite') {
    const dir = path.resolve('.data', 'fuzz', id);
    return prepared(provider, `file:${path.join(dir, 'fuzz.db')}`, () => rm(dir, { recursive: true, force: true }));
  }
  const admin = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const name = `idem_fuzz_${id}`;
  await adminQuery(admin, `CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return prepared(provider, url.toString(), () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function prepared(provider: DatabaseProvider, url: string, drop: () => Promise<void>): Promise<FuzzDatabase> {
  await prepareDatabase(url);
  const db = createDb(url, { maxConnections: 4 });
  await prepareFuzzCatalog(db);
  return {
    provider,
    url,
    db,
    async close(options) {
      await db.$disconnect();
      if (options.drop) await drop();
    },
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
