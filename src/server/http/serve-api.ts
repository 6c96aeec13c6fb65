import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { DatabaseProvider } from '../db/database-url';
import { readServerEnv } from '../env';
import { checkInstanceReadiness, readinessResponse, shippedMigrations } from '../health';
import { metricsResponse } from '../observability/metrics-response';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { createTrpcHandler, TRPC_ENDPOINT, type TrpcHandlerOptions } from './trpc-handler';
import { warmUp } from './warm-up';

export interface ApiServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  server: Server;
  /** Warm once `serveApi` resolves (unless the database did not answer); drained by `shutDownGracefully`. */
  lifecycle: Lifecycle;
  close(): Promise<void>;
}

export interface ServeApiOptions extends TrpcHandlerOptions {
  /** @default a new one: each server counts and drains its own requests */
  lifecycle?: Lifecycle;
  /** @default 0 (any free port) */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /**
   * The database's provider, whose shipped migrations `/api/health/ready` checks for. Unset, that
   * route answers 404: readiness is not guessed.
   */
  provider?: DatabaseProvider;
}

/**
 * Serves the API on plain Node HTTP, without Next.js: the same handlers as the Next.js routes —
 * `/api/trpc`, `/api/metrics` (operator only), `/api/health/live` and, given `provider`,
 * `/api/health/ready` — for tests, multi-process suites and `serve:api`. Resolves once listening
 * and warm: the routes are loaded by then, and it waits for a first query (see `warmUp`).
 */
export async function serveApi({ port = 0, host = '127.0.0.1', provider, lifecycle = createLifecycle(), ...handler }: ServeApiOptions): Promise<ApiServer> {
  const env = handler.env ?? readServerEnv();
  const trpc = createTrpcHandler({ ...handler, env, lifecycle });
  const route = async (req: Request): Promise<Response> => {
    const { pathname } = new URL(req.url);
    if (pathname === TRPC_ENDPOINT || pathname.startsWith(`${TRPC_ENDPOINT}/`)) return trpc(req);
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (get && pathname === '/api/metrics') return metricsResponse(req, { db: handler.db, env });
    if (get && pathname === '/api/health/live') return Response.json({ status: 'live' }, { headers: { 'Cache-Control': 'no-store' } });
    if (get && pathname === '/api/health/ready' && provider) return readinessResponse(await checkInstanceReadiness(lifecycle, handler.db, await shippedMigrations(provider)));
    return Response.json({ error: { message: 'Not found.' } }, { status: 404 });
  };
  const server = createServer(getRequestListener(route));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  await warmUp(handler.db, lifecycle);
  return {
    url: `http://${host}:${actualPort}`,
    server,
    lifecycle,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
