/**
 * The overhead comparison's server process: one bare tRPC fetch handler (no admission control, no
 * request log) serving a router with both the app's `checkout.placeOrder` (idempotent) and
 * `plain.placeOrder` (the same work without the middleware), so the two differ in nothing else.
 * Prints `listening <url>`; SIGTERM closes it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createDb } from '~/server/db/create-db';
import { resolveDatabaseUrl } from '~/server/db/database-url';
import { readServerEnv } from '~/server/env';
import { warmUp } from '~/server/http/warm-up';
import { createLifecycle } from '~/server/http/lifecycle';
import { checkoutRouter } from '~/server/routers/checkout';
import { catalogRouter } from '~/server/routers/catalog';
import { loadSessionSecret } from '~/server/session/session-secret';
import { createContext, createTRPCRouter } from '~/server/trpc';
import { plainPlaceOrder } from './plain-place-order';

const benchRouter = createTRPCRouter({
  catalog: catalogRouter,
  checkout: checkoutRouter,
  plain: createTRPCRouter({ placeOrder: plainPlaceOrder }),
});

const env = readServerEnv();
const db = createDb(resolveDatabaseUrl());
const sessionSecret = loadSessionSecret();
const handler = (req: Request) =>
  fetchRequestHandler({ endpoint: '/api/trpc', req, router: benchRouter, createContext: ({ req, resHeaders }) => createContext({ db, req, resHeaders, sessionSecret, env }) });

const server = createServer(getRequestListener(handler));
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
await warmUp(db, createLifecycle());
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
