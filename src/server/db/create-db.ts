import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '~/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '~/generated/postgresql/client';
import { providerOf, type DatabaseProvider } from './database-url';

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
}

/** A Prisma client for `url`, with the generated client and driver adapter its scheme calls for. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  return createDbFor(providerOf(url), url, options);
}

function createDbFor(provider: DatabaseProvider, url: string, options: CreateDbOptions): Db {
  switch (provider) {
    case 'sqlite':
      // busy_timeout: concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
      return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) });
    case 'postgresql': {
      const adapter = new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 });
      // The two generated clients share one API for every feature the app uses; see `Db`.
      return new PostgresClient({ adapter }) as unknown as Db;
    }
  }
}
