/**
 * The API instances of a scenario: real processes (e2e/support/api-server.ts) on one database,
 * each on a port of its own that it keeps across restarts, so the proxy's list stays valid.
 */
import { startServerProcess, type ServerProcess } from '../../e2e/support/server-process';
import { freePort } from '~/test/free-port';

export interface Fleet {
  /** Instance i listens on ports[i], before and after each restart. */
  readonly ports: readonly number[];
  /** The pid of instance i's live process, if it runs. */
  pid(index: number): number | undefined;
  /** `http://127.0.0.1:<port>` of instance i. */
  url(index: number): string;
  /** Polls instance i's readiness probe until 200 (true), or until it dies or `timeoutMs` passes (false). */
  untilReady(index: number, timeoutMs?: number): Promise<boolean>;
  /** SIGKILL instance i, as a power cut would, and wait until it is gone. */
  kill(index: number): Promise<void>;
  /** Start instance i again on its port. */
  restart(index: number): Promise<void>;
  /** SIGTERM every live instance and wait for each to drain and exit. */
  stop(): Promise<void>;
}

export interface FleetOptions {
  count: number;
  databaseUrl: string;
  env: Record<string, string>;
}

const START_ATTEMPTS = 5;

export async function startFleet({ count, databaseUrl, env }: FleetOptions): Promise<Fleet> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const servers: (ServerProcess | undefined)[] = [];

  async function start(index: number): Promise<void> {
    const port = ports[index]!;
    for (let attempt = 1; ; attempt++) {
      try {
        servers[index] = await startServerProcess(databaseUrl, { ...env, PORT: String(port) });
        return;
      } catch (error) {
        // The port may linger a moment after a SIGKILL; anything that persists is reported.
        if (attempt >= START_ATTEMPTS) throw new Error(`instance ${index} did not start on port ${port} after ${attempt} attempts`, { cause: error });
      }
    }
  }

  const url = (index: number) => `http://127.0.0.1:${ports[index]}`;
  const alive = (server: ServerProcess | undefined): server is ServerProcess => server !== undefined && server.child.exitCode === null && server.child.signalCode === null;
  const fleet: Fleet = {
    ports,
    pid: (index) => (alive(servers[index]) ? servers[index].child.pid : undefined),
    url,
    async untilReady(index, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until && alive(servers[index])) {
        const ready = await fetch(`${url(index)}/api/health/ready`).then((r) => r.status === 200, () => false);
        if (ready) return true;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return false;
    },
    async kill(index) {
      const server = servers[index];
      if (!alive(server)) return;
      server.child.kill('SIGKILL');
      await server.exited;
    },
    restart: (index) => start(index),
    async stop() {
      await Promise.all(servers.map((server) => server?.stop()));
    },
  };
  try {
    await Promise.all(ports.map((_, index) => start(index)));
  } catch (error) {
    await fleet.stop();
    throw error;
  }
  return fleet;
}
