import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** The guest session cookie's name. */
export const SESSION_COOKIE = 'idem_session';

/** One year: a guest keeps their cart and order history on this browser. */
const MAX_AGE_SECONDS = 365 * 24 * 3600;

/** `<id>.<signature>`: the id is a UUID, the signature an HMAC-SHA256 of it, base64url. */
export function signSession(id: string, secret: string): string {
  return `${id}.${createHmac('sha256', secret).update(id).digest('base64url')}`;
}

/** The session id of a cookie value with a valid signature, else `null`. */
export function verifySession(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  const id = value.slice(0, dot);
  if (dot <= 0 || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(signSession(id, secret));
  const actual = Buffer.from(value);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null;
}

/** A new session id and the `Set-Cookie` value that hands it to the browser. */
export function issueSession(secret: string, { secure }: { secure: boolean }): { id: string; setCookie: string; cookieValue: string } {
  const id = randomUUID();
  const cookieValue = signSession(id, secret);
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${MAX_AGE_SECONDS}`, ...(secure ? ['Secure'] : [])];
  return { id, cookieValue, setCookie: `${SESSION_COOKIE}=${cookieValue}; ${attributes.join('; ')}` };
}

/** The value of one cookie in a `Cookie` request header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
