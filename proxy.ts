import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE, issueSession, verifySession } from '~/server/session/session-cookie';
import { loadSessionSecret } from '~/server/session/session-secret';

const sessionSecret = loadSessionSecret();

/**
 * Gives every visitor a guest session on their first page view: the cookie is set on the response
 * and passed on with the request, so the page rendering it already sees the session.
 */
export function proxy(request: NextRequest) {
  if (verifySession(request.cookies.get(SESSION_COOKIE)?.value, sessionSecret)) return NextResponse.next();
  const issued = issueSession(sessionSecret, { secure: request.nextUrl.protocol === 'https:' });
  request.cookies.set(SESSION_COOKIE, issued.cookieValue);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.headers.append('Set-Cookie', issued.setCookie);
  return response;
}

export const config = {
  // Pages only: the API issues sessions itself, static assets need none.
  matcher: ['/((?!api/|_next/|favicon.ico).*)'],
};
