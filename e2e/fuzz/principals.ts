/**
 * The fuzz run's principals: guest sessions whose cookies the fuzzer signs itself, with the
 * server's SESSION_SECRET (set by `fuzzServerEnv`), and the forged cookies no server may accept.
 */
import { randomUUID } from 'node:crypto';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, signSession } from '~/server/session/session-cookie';
import type { CookieSpec, Forgery } from './fuzz-request';

/** The secret the fuzz server signs sessions with (at least 32 characters, as the env module demands). */
export const FUZZ_SESSION_SECRET = 'fuzz-session-secret-0123456789-abcdefghij';

const DAY_S = 86_400;

/** Session ids and their valid cookie values; index `i` is principal `i` of the generated requests. */
export interface Principals {
  ids: readonly string[];
  /** The cookie value (`<id>.<issued-at>.<signature>`) of principal `i`. */
  cookieValue(i: number): string;
}

/** `count` new guest sessions, issued now. */
export function createPrincipals(count: number, secret = FUZZ_SESSION_SECRET): Principals {
  const nowS = Math.floor(Date.now() / 1000);
  const ids = Array.from({ length: count }, () => randomUUID());
  const values = ids.map((id) => signSession(id, nowS, secret));
  return { ids, cookieValue: (i) => values[i % values.length] ?? '' };
}

/** The `Cookie` header for `spec`, or `null` for none. */
export function renderCookie(spec: CookieSpec, principals: Principals): string | null {
  if (spec.kind === 'none') return null;
  const value = principals.cookieValue(spec.principal);
  if (spec.kind === 'valid') {
    if (spec.dress === 'among-others') return `theme=dark; ${SESSION_COOKIE}=${value}; _ga=GA1.2.3`;
    if (spec.dress === 'host-prefixed') return `${SECURE_SESSION_COOKIE}=${value}`;
    return `${SESSION_COOKIE}=${value}`;
  }
  return forgedCookie(spec.forgery, value, principals, spec);
}

function forgedCookie(forgery: Forgery, value: string, principals: Principals, spec: { principal: number; garbage: string }): string {
  const [id = '', issued = '', signature = ''] = value.split('.');
  const nowS = Math.floor(Date.now() / 1000);
  const plain = (v: string) => `${SESSION_COOKIE}=${v}`;
  switch (forgery) {
    case 'bad-signature':
      return plain(`${id}.${issued}.${flip(signature)}`);
    case 'other-secret':
      return plain(signSession(id, nowS, 'another-secret-that-is-long-enough-0123456789'));
    case 'expired':
      return plain(signSession(id, nowS - 31 * DAY_S, FUZZ_SESSION_SECRET));
    case 'future':
      return plain(signSession(id, nowS + DAY_S, FUZZ_SESSION_SECRET));
    case 'swapped-id': {
      // Another principal's id with this one's issued-at and signature.
      const other = principals.ids[(spec.principal + 1) % principals.ids.length] ?? randomUUID();
      return plain(`${other === id ? randomUUID() : other}.${issued}.${signature}`);
    }
    case 'truncated':
      return plain(value.slice(0, -1 - (spec.garbage.length % 10)));
    case 'renamed':
      return `${SESSION_COOKIE.toUpperCase()}=${value}`;
    case 'quoted':
      return plain(`"${value}"`);
    case 'empty':
      return plain('');
    case 'garbage':
      return plain(spec.garbage);
  }
}

/** The signature with its first character changed. */
function flip(signature: string): string {
  const first = signature[0] === 'A' ? 'B' : 'A';
  return `${first}${signature.slice(1)}`;
}
