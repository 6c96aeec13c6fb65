import { describe, expect, it } from 'vitest';
import { issueSession, readCookie, SESSION_COOKIE, signSession, verifySession } from './session-cookie';

const secret = 'a-test-secret-that-is-long-enough-0123456789';

describe('session cookies', () => {
  it('verify what they signed', () => {
    const { id, cookieValue, setCookie } = issueSession(secret, { secure: false });
    expect(verifySession(cookieValue, secret)).toBe(id);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=${cookieValue.replace('.', '\\.')}; Path=/; HttpOnly; SameSite=Lax; Max-Age=\\d+$`));
  });
  it('reject a forged or tampered signature, another secret, and garbage', () => {
    const { id, cookieValue } = issueSession(secret, { secure: false });
    expect(verifySession(`${id}.forged`, secret)).toBeNull();
    expect(verifySession(signSession(id, 'another-secret-another-secret-0123'), secret)).toBeNull();
    expect(verifySession(`00000000-0000-0000-0000-000000000000.${cookieValue.split('.')[1]}`, secret)).toBeNull();
    expect(verifySession('not-a-cookie', secret)).toBeNull();
    expect(verifySession(undefined, secret)).toBeNull();
  });
  it('mark the cookie Secure when asked', () => {
    expect(issueSession(secret, { secure: true }).setCookie).toMatch(/; Secure$/);
  });
  it('read one cookie among several', () => {
    expect(readCookie('a=1; idem_session=abc.def; b=2', SESSION_COOKIE)).toBe('abc.def');
    expect(readCookie('a=1', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(null, SESSION_COOKIE)).toBeUndefined();
  });
});
