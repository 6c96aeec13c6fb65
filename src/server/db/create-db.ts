import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '~/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '~/generated/postgresql/client';
import { providerOf, type DatabaseProvider } from './database-url';
import { serializedSqliteAdapter, type SerializedSqliteOptions } from './serialized-sqlite-adapter';

/**
 * The app's database client. It is typed as the SQLite client — the smaller feature set — so that
 * code using a Postgres-only feature fails to compile instead of failing on SQLite at run time.
 */
export type Db = SqliteClient;

export interface CreateDbOptions {
  /**
   * Upper bound on pooled connections (PostgreSQL only).
   * @default 10
   */
  maxConnections?: number;
  /**
   * How the one SQLite connection is shared (SQLite only): see `serializedSqliteAdapter`.
   * @default {}
   */
  sqlite?: SerializedSqliteOptions;
}

/** A Prisma client for `url`, with the generated client and driver adapter its scheme calls for. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  return createDbFor(providerOf(url), url, options);
}

function createDbFor(provider: DatabaseProvider, url: string, options: CreateDbOptions): Db {
  switch (provider) {
    case 'sqlite':
      // busy_timeout: writers in other processes wait for the file lock instead of failing with
      // SQLITE_BUSY. Within this process, one connection, handed to one caller at a time.
      return new SqliteClient({ adapter: serializedSqliteAdapter(new PrismaBetterSqlite3({ url, timeout: 10_000 }), options.sqlite) });
    case 'postgresql': {
      const adapter = new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 });
      // The two generated clients share one API for every feature the app uses; see `Db`.
      return new PostgresClient({ adapter }) as unknown as Db;
    }
  }
}
