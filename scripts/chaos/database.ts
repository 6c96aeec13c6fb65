/**
 * A scenario's database outside vitest (`npm run chaos`): a fresh SQLite file under .data/chaos/, or
 * a fresh PostgreSQL database on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/test), migrated by the Prisma CLI and seeded. Dropped after
 * a clean run; kept, for a look, after a violation.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { seed } from '../../prisma/seed';
import { createDb, type Db } from '~/server/db/create-db';
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

const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export async function freshDatabase(provider: DatabaseProvider): Promise<ChaosDatabase> {
  const name = `idem_chaos_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  if (provider === 'sqlite') {
    const dir = path.join(repoRoot, '.data', 'chaos', name);
    await mkdir(dir, { recursive: true });
    return prepared(`file:${path.join(dir, 'chaos.db')}`, () => rm(dir, { recursive: true, force: true }));
  }
  const admin = process.env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  await adminQuery(admin, `CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return prepared(url.toString(), () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function prepared(url: string, remove: () => Promise<void>): Promise<ChaosDatabase> {
  await prismaCli(['migrate', 'deploy'], url);
  const db = createDb(url);
  await seed(db);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await remove();
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
