import { afterAll, beforeAll } from 'vitest';
import { seed } from '../../prisma/seed';
import type { DatabaseProvider } from '~/server/db/database-url';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { createTestDatabase, type TestDatabase } from '~/test/test-database';
import { openSession } from './session';

export interface ShopApi {
  /** The suite's own migrated, seeded database. */
  readonly database: TestDatabase;
  readonly db: TestDatabase['db'];
  /** Base URL of the API server (real HTTP, the app's tRPC handler). */
  readonly url: string;
  /** A guest session cookie (`idem_session=…`) to send with every request. */
  readonly cookie: string;
}

/**
 * The API on a fresh seeded database of `provider`, with a guest session, for the suite it is
 * called in: set up before its tests, torn down after.
 */
export function useShopApi(provider: DatabaseProvider): ShopApi {
  let database: TestDatabase | undefined;
  let api: ApiServer | undefined;
  let cookie: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    // A bound above the suites' own bursts (100-way races): backpressure has its own suite.
    api = await serveApi({ db: database.db, env: readServerEnv({ ...process.env, API_MAX_CONCURRENT_REQUESTS: '1000' }) });
    cookie = await openSession(api.url);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useShopApi: used before its beforeAll ran');
    return value;
  };
  return {
    get database() {
      return ready(database);
    },
    get db() {
      return ready(database).db;
    },
    get url() {
      return ready(api).url;
    },
    get cookie() {
      return ready(cookie);
    },
  };
}
