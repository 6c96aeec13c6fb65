import { issueSession, sessionCookieCandidates, verifySession } from './session-cookie';

/** The guest session of a request. */
export interface Session {
  id: string;
  /** Issued by this very response: the request carried no valid, unexpired session cookie. */
  isNew: boolean;
}

export interface ResolveSessionOptions {
  /** The key that signs session cookies (see `loadSessionSecret`). */
  secret: string;
  /** The request came over HTTPS (see `isSecureRequest`): read and set the `__Host-` cookie. */
  secure: boolean;
  /** Sessions older than this are refused and replaced (SESSION_MAX_AGE_S). */
  maxAgeS: number;
  /** @default Date.now() */
  now?: number;
}

/**
 * The session named by the request's signed cookie; without a valid, unexpired one, a new session
 * whose cookie is set on the response (HttpOnly, SameSite=Lax, Max-Age; `__Host-` and Secure over HTTPS).
 */
export function resolveSession(req: Request, resHeaders: Headers, { secret, secure, maxAgeS, now }: ResolveSessionOptions): Session {
  for (const value of sessionCookieCandidates(req.headers.get('cookie'), secure)) {
    const id = verifySession(value, secret, { maxAgeS, now });
    if (id) return { id, isNew: false };
  }
  const issued = issueSession(secret, { secure, maxAgeS, now });
  resHeaders.append('Set-Cookie', issued.setCookie);
  return { id: issued.id, isNew: true };
}
