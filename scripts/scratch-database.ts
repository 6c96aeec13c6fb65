/**
 * A scratch database for a run outside vitest (`npm run chaos`, `npm run fuzz`, `npm run bench`): a
 * SQLite file in a folder of its own, or a database on the PostgreSQL server at TEST_POSTGRES_URL
 * (default postgresql://postgres@127.0.0.1:5432/test), prepared by the caller (migrated, seeded,
 * filled) and deleted, or kept for a look, when the run is over. The vitest suites get theirs from
 * src/test/test-database.ts instead, copied from the run's templates.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '~/server/db/create-db';
import type { DatabaseProvider } from '~/server/db/database-url';

/** The PostgreSQL server used when TEST_POSTGRES_URL is not set (the same default as the tests). */
export const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/** A scratch database, prepared and open. */
export interface ScratchDatabase {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  /** Disconnects; with `drop`, deletes the database too (else it stays, for a look or for reuse). */
  close(options?: { drop: boolean }): Promise<void>;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** The PostgreSQL database's name (needed for a PostgreSQL one). */
  postgresName?: string;
  /** The SQLite file (needed for a SQLite one). Its folder belongs to the database: made for it, deleted with it. */
  sqliteFile?: string;
  /**
   * Start from nothing even if a database of that name is left over (for a fixed name reused run
   * after run); otherwise the name must be new.
   * @default false
   */
  replace?: boolean;
  /** Migrates and seeds the empty database at `url` (the Prisma CLI, or `prepareDatabase`). */
  prepare(url: string): Promise<unknown>;
  /** Then, through the open client: whatever the run needs on top of the seed (e.g. stock). */
  fill?(db: Db): Promise<unknown>;
  /** Pooled connections of the client (PostgreSQL only); `createDb`'s default when left out. */
  maxConnections?: number;
  /**
   * How long to wait for the PostgreSQL server to answer.
   * @default 5000
   */
  connectTimeoutMs?: number;
}

/** The PostgreSQL server did not answer: `adminUrl` is where it was looked for. */
export class PostgresUnreachableError extends Error {
  readonly code = 'POSTGRES_UNREACHABLE';
  constructor(
    readonly adminUrl: string,
    cause: unknown,
  ) {
    super(`no PostgreSQL answered: ${(cause as Error).message}`, { cause });
    this.name = 'PostgresUnreachableError';
  }
}

/** The server scratch PostgreSQL databases are made on: TEST_POSTGRES_URL, or the default. */
export function postgresAdminUrl(env: Record<string, string | undefined> = process.env): string {
  return env.TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
}

/** A new scratch database of `provider`: made, prepared with `options.prepare`, then filled. */
export async function openScratchDatabase(provider: DatabaseProvider, options: ScratchDatabaseOptions): Promise<ScratchDatabase> {
  const { url, remove } = provider === 'sqlite' ? await sqliteFile(options) : await postgresDatabase(options);
  await options.prepare(url);
  const db = createDb(url, options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections });
  await options.fill?.(db);
  const close = async ({ drop }: { drop: boolean } = { drop: false }) => {
    await db.$disconnect();
    if (drop) await remove();
  };
  return { provider, url, db, close, drop: () => close({ drop: true }) };
}

interface Place {
  url: string;
  remove(): Promise<void>;
}

async function sqliteFile({ sqliteFile: file, replace = false }: ScratchDatabaseOptions): Promise<Place> {
  if (!file) throw new TypeError('A SQLite scratch database needs options.sqliteFile.');
  const dir = path.dirname(file);
  const remove = () => rm(dir, { recursive: true, force: true });
  if (replace) await remove();
  await mkdir(dir, { recursive: true });
  return { url: `file:${file}`, remove };
}

async function postgresDatabase({ postgresName: name, replace = false, connectTimeoutMs = 5_000 }: ScratchDatabaseOptions): Promise<Place> {
  if (!name) throw new TypeError('A PostgreSQL scratch database needs options.postgresName.');
  const admin = postgresAdminUrl();
  const dropIt = `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;
  await adminQuery(admin, connectTimeoutMs, [...(replace ? [dropIt] : []), `CREATE DATABASE "${name}"`]);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), remove: () => adminQuery(admin, connectTimeoutMs, [dropIt]) };
}

/** Runs `statements` in order on one connection to the server at `adminUrl`. */
async function adminQuery(adminUrl: string, connectTimeoutMs: number, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: connectTimeoutMs });
  try {
    await client.connect();
  } catch (error) {
    throw new PostgresUnreachableError(adminUrl, error);
  }
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}
