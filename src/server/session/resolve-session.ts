import { issueSession, readCookie, SESSION_COOKIE, verifySession } from './session-cookie';

/** The guest session of a request. */
export interface Session {
  id: string;
  /** Issued by this very response: the request carried no valid session cookie. */
  isNew: boolean;
}

/**
 * The session named by the request's signed cookie; without a valid one, a new session whose
 * cookie is set on the response (HttpOnly, SameSite=Lax, Secure over HTTPS).
 */
export function resolveSession(req: Request, resHeaders: Headers, secret: string): Session {
  const existing = verifySession(readCookie(req.headers.get('cookie'), SESSION_COOKIE), secret);
  if (existing) return { id: existing, isNew: false };
  const issued = issueSession(secret, { secure: new URL(req.url).protocol === 'https:' });
  resHeaders.append('Set-Cookie', issued.setCookie);
  return { id: issued.id, isNew: true };
}
