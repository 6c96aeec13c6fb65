import { NextResponse, type NextRequest } from 'next/server';
import { readServerEnv } from '~/server/env';
import { isSecureRequest } from '~/server/http/is-secure-request';
import { issueSession, sessionCookieCandidates, verifySession } from '~/server/session/session-cookie';
import { loadSessionSecret } from '~/server/session/session-secret';

const sessionSecret = loadSessionSecret();
const env = readServerEnv();

/**
 * Gives every visitor a guest session on their first page view (and a new one once theirs is
 * older than SESSION_MAX_AGE_S): the cookie is set on the response and passed on with the request,
 * so the page rendering it already sees the session. Over HTTPS — by the URL, or by
 * X-Forwarded-Proto with TRUST_PROXY=1 — it is `__Host-idem_session`, Secure; over HTTP `idem_session`.
 */
export function proxy(request: NextRequest) {
  const secure = isSecureRequest(request, env.TRUST_PROXY);
  const candidates = sessionCookieCandidates(request.headers.get('cookie'), secure);
  if (candidates.some((value) => verifySession(value, sessionSecret, { maxAgeS: env.SESSION_MAX_AGE_S }))) return NextResponse.next();
  const issued = issueSession(sessionSecret, { secure, maxAgeS: env.SESSION_MAX_AGE_S });
  request.cookies.set(issued.name, issued.cookieValue);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.headers.append('Set-Cookie', issued.setCookie);
  return response;
}

export const config = {
  // Pages only: the API issues sessions itself, static assets need none.
  matcher: ['/((?!api/|_next/|favicon.ico).*)'],
};
