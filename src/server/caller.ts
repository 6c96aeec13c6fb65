import 'server-only';
import { db } from './db';
import { createCaller } from './root';
import { createContext } from './trpc';

/**
 * The API called in-process, for React Server Components: the same procedures, context and
 * middleware as over HTTP, without a network round trip. Queries only — mutations need a
 * client request carrying an Idempotency-Key.
 */
export function serverCaller() {
  return createCaller(createContext({ db, req: new Request('http://server.internal/'), resHeaders: new Headers() }));
}
