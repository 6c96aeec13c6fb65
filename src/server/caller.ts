import 'server-only';
import { headers } from 'next/headers';
import { db } from './db';
import { createCaller } from './root';
import { loadSessionSecret } from './session/session-secret';
import { createContext } from './trpc';

const sessionSecret = loadSessionSecret();

/**
 * The API called in-process, for React Server Components: the same procedures, context and
 * middleware as over HTTP, as the visitor's session (the proxy made sure it has one), without a
 * network round trip. Queries only — mutations need a client request carrying an Idempotency-Key.
 */
export async function serverCaller() {
  const cookie = (await headers()).get('cookie') ?? '';
  const req = new Request('http://server.internal/', { headers: { cookie } });
  return createCaller(createContext({ db, req, resHeaders: new Headers(), sessionSecret }));
}
