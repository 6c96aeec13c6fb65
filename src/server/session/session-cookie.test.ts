import { describe, expect, it } from 'vitest';
import { issueSession, readCookie, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieCandidates, signSession, verifySession } from './session-cookie';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const DAY_S = 24 * 3600;
const maxAgeS = 30 * DAY_S;
const now = Date.UTC(2026, 0, 31);
const nowS = now / 1000;

describe('session cookies', () => {
  it('verify what they signed, with Max-Age and without Secure over HTTP', () => {
    const { id, name, cookieValue, setCookie } = issueSession(secret, { secure: false, maxAgeS, now });
    expect(name).toBe(SESSION_COOKIE);
    expect(cookieValue).toMatch(new RegExp(`^${id}\\.${nowS}\\.[\\w-]{43}$`));
    expect(verifySession(cookieValue, secret, { maxAgeS, now })).toBe(id);
    expect(setCookie).toBe(`idem_session=${cookieValue}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}`);
  });

  it('are __Host- prefixed and Secure over HTTPS', () => {
    const { name, cookieValue, setCookie } = issueSession(secret, { secure: true, maxAgeS, now });
    expect(name).toBe(SECURE_SESSION_COOKIE);
    expect(setCookie).toBe(`__Host-idem_session=${cookieValue}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}; Secure`);
  });

  it('expire on the server: older than maxAgeS is refused, however the browser kept it', () => {
    const id = '11111111-2222-4333-8444-555555555555';
    expect(verifySession(signSession(id, nowS - maxAgeS, secret), secret, { maxAgeS, now })).toBe(id);
    expect(verifySession(signSession(id, nowS - maxAgeS - 1, secret), secret, { maxAgeS, now })).toBeNull();
    // Issued far in the future (a forged clock): refused too.
    expect(verifySession(signSession(id, nowS + DAY_S, secret), secret, { maxAgeS, now })).toBeNull();
  });

  it('reject a changed issued-at, a forged or tampered signature, another secret, old-format values, and garbage', () => {
    const { id, cookieValue } = issueSession(secret, { secure: false, maxAgeS, now: now - 40 * DAY_S * 1000 });
    const [, issued, signature] = cookieValue.split('.');
    expect(verifySession(cookieValue, secret, { maxAgeS, now })).toBeNull();
    expect(verifySession(`${id}.${nowS}.${signature}`, secret, { maxAgeS, now })).toBeNull();
    expect(verifySession(`${id}.${issued}.forged`, secret, { maxAgeS, now })).toBeNull();
    expect(verifySession(signSession(id, nowS, 'another-secret-another-secret-0123'), secret, { maxAgeS, now })).toBeNull();
    expect(verifySession(`00000000-0000-0000-0000-000000000000.${issued}.${signature}`, secret, { maxAgeS, now })).toBeNull();
    expect(verifySession(`${id}.${signature}`, secret, { maxAgeS, now })).toBeNull();
    expect(verifySession('not-a-cookie', secret, { maxAgeS, now })).toBeNull();
    expect(verifySession(undefined, secret, { maxAgeS, now })).toBeNull();
  });

  it('are read as __Host- first, and unprefixed only on a plain-HTTP request', () => {
    const header = 'a=1; idem_session=plain; __Host-idem_session=host';
    expect(sessionCookieCandidates(header, false)).toEqual(['host', 'plain']);
    expect(sessionCookieCandidates(header, true)).toEqual(['host']);
    expect(sessionCookieCandidates('idem_session=plain', true)).toEqual([]);
    expect(sessionCookieCandidates(null, false)).toEqual([]);
  });

  it('read one cookie among several', () => {
    expect(readCookie('a=1; idem_session=abc.def; b=2', SESSION_COOKIE)).toBe('abc.def');
    expect(readCookie('a=1', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(null, SESSION_COOKIE)).toBeUndefined();
  });
});
