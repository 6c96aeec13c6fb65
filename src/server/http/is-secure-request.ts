/**
 * Whether the client reached us over HTTPS, which decides the cookies' `Secure` attribute and
 * `__Host-` prefix. Behind a TLS-terminating proxy the request URL says `http:`; the proxy's
 * `X-Forwarded-Proto` says what the browser used — but any client can send that header, so it
 * counts only with `trustProxy` (TRUST_PROXY=1), when a proxy we run sets it.
 */
export function isSecureRequest(req: { url: string; headers: Headers }, trustProxy: boolean): boolean {
  if (new URL(req.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  // A chain of proxies may append: the first value is what the client spoke to the outermost one.
  const forwarded = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https';
}
