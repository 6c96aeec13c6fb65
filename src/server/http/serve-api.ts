import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createTrpcHandler, type TrpcHandlerOptions } from './trpc-handler';

export interface ApiServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Serves the tRPC API on plain Node HTTP, without Next.js: the same fetch handler as the
 * `/api/trpc` route, for tests and multi-process suites that need real HTTP but no build.
 */
export async function serveApi({ port = 0, host = '127.0.0.1', ...handler }: TrpcHandlerOptions & { port?: number; host?: string }): Promise<ApiServer> {
  const handle = createTrpcHandler(handler);
  const server = createServer(getRequestListener((req) => handle(req)));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actualPort}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
