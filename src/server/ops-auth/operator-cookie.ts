import { createHmac } from 'node:crypto';
import { tokensMatch } from './tokens-match';

/** The operator cookie's name over plain HTTP (development, tests). */
export const OPERATOR_COOKIE = 'idem_ops';

/** Its name over HTTPS: `__Host-` makes the browser insist on Secure, Path=/ and no Domain. */
export const SECURE_OPERATOR_COOKIE = '__Host-idem_ops';

/** How long a sign-in lasts (seconds): a working shift. */
export const OPERATOR_COOKIE_MAX_AGE_S = 12 * 3600;

/**
 * `<issued-at, unix seconds>.<HMAC-SHA256(OPS_TOKEN, purpose + issued-at), base64url>`: proof that
 * its holder knew the token, never the token itself. Rotating OPS_TOKEN signs every operator out.
 */
function cookieValue(token: string, issuedAtS: number): string {
  return `${issuedAtS}.${createHmac('sha256', token).update(`idem-operator-cookie:${issuedAtS}`).digest('base64url')}`;
}

/** The `Set-Cookie` value that signs an operator in (after they proved they know `token`). */
export function issueOperatorCookie(token: string, { secure, now = Date.now() }: { secure: boolean; now?: number }): string {
  const name = secure ? SECURE_OPERATOR_COOKIE : OPERATOR_COOKIE;
  // SameSite=Strict: no other site can make the browser send it, not even by a top-level link.
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${OPERATOR_COOKIE_MAX_AGE_S}`, ...(secure ? ['Secure'] : [])];
  return `${name}=${cookieValue(token, Math.floor(now / 1000))}; ${attributes.join('; ')}`;
}

/** `Set-Cookie` values that sign an operator out, under both names. */
export function clearOperatorCookies(secure: boolean): string[] {
  const clear = (name: string) => `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure || name === SECURE_OPERATOR_COOKIE ? '; Secure' : ''}`;
  return [clear(SECURE_OPERATOR_COOKIE), clear(OPERATOR_COOKIE)];
}

/** Whether `value` is an operator cookie made with `token`, issued within its lifetime. */
export function verifyOperatorCookie(value: string | undefined, token: string, now = Date.now()): boolean {
  const match = value === undefined ? null : /^(\d{1,12})\.[\w-]{43}$/.exec(value);
  if (!match) return false;
  const issuedAtS = Number(match[1]);
  const ageS = Math.floor(now / 1000) - issuedAtS;
  // Checked before and after the comparison alike, so a too-old cookie costs the same as a forged one.
  const fresh = ageS <= OPERATOR_COOKIE_MAX_AGE_S && ageS >= -300;
  return tokensMatch(value!, cookieValue(token, issuedAtS)) && fresh;
}
