// Real databases for the stand-in's tests: a SQLite file in a temporary folder, or a fresh database
// on the PostgreSQL server named by TEST_POSTGRES_URL, one per test; and how to read what the
// engine wrote.

import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import Database from 'better-sqlite3';
import pg from 'pg';

export type Provider = 'sqlite' | 'postgresql';
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql'];

const HOW_TO =
  'The PostgreSQL tests need TEST_POSTGRES_URL: a server where they may create and drop databases, e.g. TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npx vitest run';

/**
 * The PostgreSQL server the tests create their databases on, from TEST_POSTGRES_URL. Missing
 * configuration fails the test: skipping would report green for code that never ran on PostgreSQL.
 */
export function postgresServerUrl(): string {
  const url = process.env.TEST_POSTGRES_URL?.trim();
  if (!url) throw new Error(`TEST_POSTGRES_URL is not set. ${HOW_TO}`);
  return url;
}

/** The URL without its password, for messages. */
const redact = (url: string) => url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');

let reachable: Promise<string> | undefined;

/**
 * `postgresServerUrl()`, once a connection to it succeeded (checked once per test file). An
 * unreachable server fails the test with that message rather than with a bare ECONNREFUSED.
 */
export function reachablePostgresServer(): Promise<string> {
  reachable ??= (async () => {
    const url = postgresServerUrl();
    try {
      await withPg(url, (client) => client.query('SELECT 1'));
    } catch (error) {
      throw new Error(`TEST_POSTGRES_URL=${redact(url)} does not answer (${(error as Error).message}). ${HOW_TO}`, { cause: error });
    }
    return url;
  })();
  return reachable;
}

/** Runs `fn` on one connection to `url`. */
export async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The same Postgres server, another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Names of the databases on the test server. */
export async function postgresDatabaseNames(): Promise<string[]> {
  return withPg(await reachablePostgresServer(), async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    return rows.map((row) => row.datname);
  });
}

/** A database of its own for one test: an unused SQLite path, or a Postgres database. */
export interface TestDatabase {
  provider: Provider;
  url: string;
  /** Creates the database (for tests that do not let the CLI create it). */
  create(): Promise<void>;
  /** Rows of a query, as plain objects. The database must exist. */
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  /** Runs SQL statements on the database. */
  execute(sql: string): Promise<void>;
  /** Whether the database exists. */
  exists(): Promise<boolean>;
  dispose(): Promise<void>;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'idem-engine-sqlite-'));
    // A folder that does not exist yet: create-database must make it.
    const file = path.join(dir, 'data', 'test.db');
    return {
      provider,
      url: `file:${file}`,
      async create() {
        await mkdir(path.dirname(file), { recursive: true });
        new Database(file).close();
      },
      async query<Row>(sql: string) {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          return db.prepare(sql).all() as Row[];
        } finally {
          db.close();
        }
      },
      async execute(sql: string) {
        const db = new Database(file, { fileMustExist: true });
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      async exists() {
        return existsSync(file);
      },
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  }

  const server = await reachablePostgresServer();
  const name = `idem_engine_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const url = withDatabaseName(server, name);
  return {
    provider,
    url,
    create: () => withPg(server, (client) => client.query(`CREATE DATABASE "${name}"`)).then(() => undefined),
    query: <Row>(sql: string) => withPg(url, async (client) => (await client.query(sql)).rows as Row[]),
    execute: (sql: string) => withPg(url, (client) => client.query(sql)).then(() => undefined),
    exists: async () => (await postgresDatabaseNames()).includes(name),
    dispose: () => withPg(server, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** sha256 of a text, hex: the checksum Prisma records for a migration.sql. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One `_prisma_migrations` row, normalised across SQLite and Postgres. */
export interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
  applied_steps_count: number;
}

export async function migrationRows(db: TestDatabase): Promise<MigrationRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at, migration_name',
  );
  return rows.map((row) => ({
    migration_name: String(row.migration_name),
    checksum: String(row.checksum),
    finished: row.finished_at !== null,
    rolled_back: row.rolled_back_at !== null,
    applied_steps_count: Number(row.applied_steps_count),
  }));
}

/** The migrations list the CLI sends with migration requests, for a folder that may not exist. */
export function migrationsList(baseDir: string, directories: { path: string; sql: string }[] = []): MigrationList {
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((dir) => ({
      path: dir.path,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: dir.sql } },
    })),
  };
}
