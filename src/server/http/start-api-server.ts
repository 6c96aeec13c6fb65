import { startBackgroundWork, type BackgroundWork } from '../background/start-background-work';
import { createDb, type Db } from '../db/create-db';
import { providerOf, resolveDatabaseUrl } from '../db/database-url';
import { readServerEnv } from '../env';
import type { FaultInjector } from '../faults';
import { startTracing } from '../observability/start-tracing';
import { shutDownGracefully } from './graceful-shutdown';
import { serveApi, type ApiServer } from './serve-api';

export interface StartApiServerOptions {
  /** @default resolveDatabaseUrl() (DATABASE_URL, else .data/idem.db) */
  databaseUrl?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** Pooled connections (PostgreSQL only). @default 10, as the Next.js server's client */
  maxConnections?: number;
  /** Crash points for fault-injection suites. @default none */
  faults?: FaultInjector;
  /** Signals that drain the process and exit 0. @default ['SIGTERM'] */
  drainOn?: readonly NodeJS.Signals[];
}

export interface StartedApiServer {
  api: ApiServer;
  db: Db;
  background: BackgroundWork;
}

/**
 * Everything an API process does besides Next.js, as `instrumentation.ts` does it for `next start`:
 * tracing (OTEL_TRACES_EXPORTER), the database client, the tRPC API on plain Node HTTP (resolves
 * once listening and warm), the background jobs (completer, sweeper, reconciliation) and the drain
 * on SIGTERM — readiness 503 at once, new requests 503 SERVER_SHUTTING_DOWN, the requests in flight
 * finish (at most API_SHUTDOWN_TIMEOUT_MS), the leases are handed over — after which it prints
 * `drained <json report>` and exits 0. Shared by `npm run serve:api` and the multi-process suites.
 */
export async function startApiServer({ databaseUrl = resolveDatabaseUrl(), port = 0, host = '127.0.0.1', maxConnections, faults, drainOn = ['SIGTERM'] }: StartApiServerOptions = {}): Promise<StartedApiServer> {
  const env = readServerEnv();
  // First: spans started before the provider is registered are never recorded.
  const tracing = startTracing(env);
  const db = createDb(databaseUrl, maxConnections === undefined ? {} : { maxConnections });
  const api = await serveApi({ db, port, host, faults, env, provider: providerOf(databaseUrl) });
  const background = startBackgroundWork({ db, faults });
  const drain = () => {
    const release = async () => {
      await Promise.allSettled([background.stop(), tracing?.shutdown()]);
      await api.close();
    };
    void shutDownGracefully({ lifecycle: api.lifecycle, timeoutMs: env.API_SHUTDOWN_TIMEOUT_MS, release })
      .then((report) => console.log(`drained ${JSON.stringify(report)}`))
      .finally(() => process.exit(0));
  };
  for (const signal of drainOn) process.once(signal, drain);
  return { api, db, background };
}
