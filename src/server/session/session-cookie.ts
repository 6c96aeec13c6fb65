import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * The guest session cookie's name over plain HTTP (development, tests on http://127.0.0.1).
 * Browsers refuse a `__Host-` cookie there: that prefix requires `Secure`.
 */
export const SESSION_COOKIE = 'idem_session';

/**
 * Its name over HTTPS. The browser accepts a `__Host-` cookie only if it is `Secure`, has
 * `Path=/` and no `Domain`, and was set over HTTPS: no subdomain and no plain-HTTP response (a
 * network attacker's, say) can plant one.
 */
export const SECURE_SESSION_COOKIE = '__Host-idem_session';

/** Allowed drift between instances' clocks when checking an issued-at (seconds). */
const CLOCK_SKEW_S = 300;

export interface SessionCookieOptions {
  /** The request came over HTTPS (see `isSecureRequest`): the cookie is `__Host-`-prefixed and `Secure`. */
  secure: boolean;
  /** Lifetime in seconds: the cookie's `Max-Age`, and the age past which the server refuses it (SESSION_MAX_AGE_S). */
  maxAgeS: number;
  /** @default Date.now() */
  now?: number;
}

/** `<id>.<issued-at, unix seconds>.<HMAC-SHA256 of both, base64url>`. */
export function signSession(id: string, issuedAtS: number, secret: string): string {
  const payload = `${id}.${issuedAtS}`;
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

/**
 * The session id of a cookie value with a valid signature that is not older than `maxAgeS`, else
 * `null`. The expiry is the server's own: a browser that ignores `Max-Age`, or a copied cookie,
 * cannot keep a session alive past it.
 */
export function verifySession(value: string | undefined, secret: string, { maxAgeS, now = Date.now() }: Omit<SessionCookieOptions, 'secure'>): string | null {
  const match = value === undefined ? null : /^([0-9a-f-]{36})\.(\d{1,12})\.[\w-]+$/.exec(value);
  if (!match) return null;
  const [, id = '', issued = ''] = match;
  const expected = Buffer.from(signSession(id, Number(issued), secret));
  const actual = Buffer.from(value!);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const ageS = Math.floor(now / 1000) - Number(issued);
  return ageS <= maxAgeS && ageS >= -CLOCK_SKEW_S ? id : null;
}

/** A new session id, its cookie value, and the `Set-Cookie` value that hands it to the browser. */
export function issueSession(secret: string, { secure, maxAgeS, now = Date.now() }: SessionCookieOptions): { id: string; name: string; cookieValue: string; setCookie: string } {
  const id = randomUUID();
  const cookieValue = signSession(id, Math.floor(now / 1000), secret);
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeS}`, ...(secure ? ['Secure'] : [])];
  return { id, name, cookieValue, setCookie: `${name}=${cookieValue}; ${attributes.join('; ')}` };
}

/**
 * The session cookie values a request carries, in the order to try them: the `__Host-` one first
 * (only HTTPS can have set it), then — on a plain-HTTP request only — the unprefixed one. Over
 * HTTPS an unprefixed cookie is ignored: it may have been planted over HTTP to fix a victim's session.
 */
export function sessionCookieCandidates(cookieHeader: string | null, secure: boolean): string[] {
  const names = secure ? [SECURE_SESSION_COOKIE] : [SECURE_SESSION_COOKIE, SESSION_COOKIE];
  return names.map((name) => readCookie(cookieHeader, name)).filter((value): value is string => value !== undefined);
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
