/**
 * A guest session, as a browser gets one: the first response sets the signed cookie, and every
 * later request sends it back. Idempotent mutations are refused without one.
 */
export async function openSession(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/trpc/catalog.list`);
  const setCookie = response.headers.get('set-cookie');
  await response.body?.cancel();
  const cookie = setCookie?.split(';')[0];
  if (!cookie) throw new Error(`${baseUrl} set no session cookie`);
  return cookie;
}

/** `fetch` that sends `cookie` with every request, for tRPC links' `fetch` option. */
export function fetchWithSession(cookie: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    return fetch(input, { ...init, headers });
  };
}
