import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '~/server/db/create-db';
import type { DatabaseProvider } from '~/server/db/database-url';
import { withDatabase } from './global-setup';

/** Both engines: suites that touch the database run once per provider with `describe.each`. */
export const PROVIDERS: readonly DatabaseProvider[] = ['sqlite', 'postgresql'];

export interface TestDatabase {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of its own, copied from the run's template. */
export async function createTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  const url = provider === 'sqlite' ? await copySqliteTemplate() : await copyPostgresTemplate();
  const db = createDb(url);
  return {
    provider,
    url,
    db,
    async drop() {
      await db.$disconnect();
      if (provider === 'sqlite') await rm(path.dirname(url.slice('file:'.length)), { recursive: true, force: true });
      else await adminQuery(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    },
  };
}

async function copySqliteTemplate(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'idem-sqlite-'));
  const file = path.join(dir, 'test.db');
  await copyFile(inject('sqliteTemplate'), file);
  return `file:${file}`;
}

async function copyPostgresTemplate(): Promise<string> {
  const name = `idem_test_${randomUUID().replaceAll('-', '')}`;
  // CREATE DATABASE … TEMPLATE fails while anyone else copies the same template: serialize the
  // copies across test workers with an advisory lock held by the copying connection.
  await adminQuery('SELECT pg_advisory_lock(7201)', `CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`);
  return withDatabase(inject('postgresAdminUrl'), name);
}

async function adminQuery(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end(); // ends the session, which releases any advisory lock it held
  }
}
