import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Db } from '../db/create-db';
import { appRouter } from '../root';
import { createContext } from '../trpc';

/** Where the API is mounted; the Next.js route and the test servers both serve it here. */
export const TRPC_ENDPOINT = '/api/trpc';

/** The whole tRPC API as a fetch handler: `Request` in, `Response` out. */
export function createTrpcHandler({ db }: { db: Db }) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: TRPC_ENDPOINT,
      req,
      router: appRouter,
      createContext: ({ req, resHeaders }) => createContext({ db, req, resHeaders }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '<no path>'} failed:`, error.cause ?? error);
      },
    });
}
