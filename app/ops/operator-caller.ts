import 'server-only';
import { db } from '~/server/db';
import { createCaller } from '~/server/root';
import { loadSessionSecret } from '~/server/session/session-secret';
import { createContext } from '~/server/trpc';

const sessionSecret = loadSessionSecret();

/**
 * The `ops.*` procedures in-process, for the /ops page, carrying what the browser sent as the
 * operator credential (the sign-in cookie, or an Authorization header): the procedures check it
 * themselves, exactly as over HTTP.
 */
export function operatorCaller(incoming: Pick<Headers, 'get'>) {
  const headers = new Headers();
  for (const name of ['cookie', 'authorization']) {
    const value = incoming.get(name);
    if (value !== null) headers.set(name, value);
  }
  const req = new Request('http://server.internal/ops', { headers });
  return createCaller(createContext({ db, req, resHeaders: new Headers(), sessionSecret }));
}
