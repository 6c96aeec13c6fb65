import { describe, expect, it } from 'vitest';
import { authenticateOperator } from './authenticate-operator';
import { clearOperatorCookies, issueOperatorCookie, OPERATOR_COOKIE_MAX_AGE_S, verifyOperatorCookie } from './operator-cookie';
import { requireOperator } from './require-operator';

const opsToken = 'ops-token-for-tests-0123456789-abcdef';
const now = Date.UTC(2026, 0, 31, 12);
const headers = (init: Record<string, string>) => new Headers(init);
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

describe('authenticateOperator', () => {
  it('is off without OPS_TOKEN, saying how to turn it on', () => {
    const auth = authenticateOperator(headers({ authorization: `Bearer ${opsToken}` }), { opsToken: undefined });
    expect(auth).toEqual({ ok: false, code: 'OPERATOR_ACCESS_DISABLED', message: expect.stringContaining('set OPS_TOKEN') });
  });

  it('accepts the Bearer token and refuses none, a wrong one, or an empty one', () => {
    expect(authenticateOperator(headers({ authorization: `Bearer ${opsToken}` }), { opsToken })).toEqual({ ok: true, via: 'bearer' });
    expect(authenticateOperator(headers({ authorization: `bearer ${opsToken}` }), { opsToken })).toEqual({ ok: true, via: 'bearer' });
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${opsToken}x` }, { authorization: 'Bearer ' }, { authorization: `Bearer ${opsToken.slice(1)}` }];
    for (const init of attempts) {
      expect(authenticateOperator(headers(init), { opsToken })).toMatchObject({ ok: false, code: 'OPERATOR_CREDENTIAL_REQUIRED' });
    }
    expect(authenticateOperator(headers({}), { opsToken })).toMatchObject({ message: expect.stringContaining('Authorization: Bearer <OPS_TOKEN>') });
  });

  it('accepts the sign-in cookie under either name, never the raw token as a cookie', () => {
    const plain = cookieOf(issueOperatorCookie(opsToken, { secure: false, now }));
    const host = cookieOf(issueOperatorCookie(opsToken, { secure: true, now }));
    expect(plain.startsWith('idem_ops=')).toBe(true);
    expect(host.startsWith('__Host-idem_ops=')).toBe(true);
    expect(plain).not.toContain(opsToken);
    expect(authenticateOperator(headers({ cookie: `a=b; ${plain}` }), { opsToken, now })).toEqual({ ok: true, via: 'cookie' });
    expect(authenticateOperator(headers({ cookie: host }), { opsToken, now })).toEqual({ ok: true, via: 'cookie' });
    expect(authenticateOperator(headers({ cookie: `idem_ops=${opsToken}` }), { opsToken, now })).toMatchObject({ ok: false });
    // A cookie made with another token (the token was rotated) is refused.
    const rotated = cookieOf(issueOperatorCookie(`${opsToken}-rotated`, { secure: false, now }));
    expect(authenticateOperator(headers({ cookie: rotated }), { opsToken, now })).toMatchObject({ ok: false, code: 'OPERATOR_CREDENTIAL_REQUIRED' });
  });

  it('lets a proxy\'s Basic auth pass through to the cookie, but a wrong Bearer wins over a good cookie', () => {
    const cookie = cookieOf(issueOperatorCookie(opsToken, { secure: false, now }));
    expect(authenticateOperator(headers({ authorization: 'Basic dXNlcjpwYXNz', cookie }), { opsToken, now })).toEqual({ ok: true, via: 'cookie' });
    expect(authenticateOperator(headers({ authorization: 'Bearer wrong', cookie }), { opsToken, now })).toMatchObject({ ok: false });
  });
});

describe('the operator cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, with a Max-Age; Secure and __Host- over HTTPS', () => {
    expect(issueOperatorCookie(opsToken, { secure: false, now })).toMatch(new RegExp(`^idem_ops=\\d+\\.[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${OPERATOR_COOKIE_MAX_AGE_S}$`));
    expect(issueOperatorCookie(opsToken, { secure: true, now })).toMatch(/^__Host-idem_ops=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    expect(clearOperatorCookies(false)).toEqual([expect.stringMatching(/^__Host-idem_ops=; .*Max-Age=0; Secure$/), expect.stringMatching(/^idem_ops=; .*Max-Age=0$/)]);
  });

  it('expires after its Max-Age on the server too', () => {
    const value = cookieOf(issueOperatorCookie(opsToken, { secure: false, now })).split('=')[1];
    expect(verifyOperatorCookie(value, opsToken, now + OPERATOR_COOKIE_MAX_AGE_S * 1000)).toBe(true);
    expect(verifyOperatorCookie(value, opsToken, now + (OPERATOR_COOKIE_MAX_AGE_S + 1) * 1000)).toBe(false);
  });
});

describe('requireOperator (route handlers)', () => {
  it('answers 401 with WWW-Authenticate and the stable code, 403 when off, and null with the credential', async () => {
    const refused = requireOperator(new Request('http://test/api/metrics'), { opsToken })!;
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="idem-ops"');
    expect(await refused.json()).toMatchObject({ error: { data: { code: 'OPERATOR_CREDENTIAL_REQUIRED', httpStatus: 401, retryable: false } } });
    const off = requireOperator(new Request('http://test/api/metrics'), { opsToken: undefined })!;
    expect(off.status).toBe(403);
    expect(await off.json()).toMatchObject({ error: { data: { code: 'OPERATOR_ACCESS_DISABLED' } } });
    expect(requireOperator(new Request('http://test/api/metrics', { headers: { authorization: `Bearer ${opsToken}` } }), { opsToken })).toBeNull();
  });
});
