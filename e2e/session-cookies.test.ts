import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { signSession } from '~/server/session/session-cookie';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, getQuery, postMutation } from './support/api';

// Cookie hardening, measured before: no `__Host-` prefix; `Secure` decided from the request URL,
// so lost behind a TLS-terminating proxy; sessions that never expired on the server; and a cart
// row created by every cart.setItemQuantity sent without a cookie.
const SECRET = 'session-secret-for-tests-0123456789abcdef';
const MAX_AGE_S = 3600;
const setItem = { productId: 'hario-v60', quantity: 1, expectedVersion: 0 };

describe.each(PROVIDERS)('session cookies over HTTP on %s', (provider) => {
  let database: TestDatabase;
  const servers: ApiServer[] = [];
  let plain: string;
  let behindProxy: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    const start = async (env: Record<string, string>) => {
      const api = await serveApi({ db: database.db, sessionSecret: SECRET, env: readServerEnv({ SESSION_MAX_AGE_S: String(MAX_AGE_S), ...env }) });
      servers.push(api);
      return api.url;
    };
    plain = await start({});
    behindProxy = await start({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await database?.drop();
  });

  const setCookieOf = async (url: string, headers: Record<string, string> = {}) => (await getQuery(url, 'catalog.list', { headers })).headers.get('set-cookie');

  it('over plain HTTP: idem_session, HttpOnly, SameSite=Lax, Max-Age, not Secure', async () => {
    expect(await setCookieOf(plain)).toMatch(new RegExp(`^idem_session=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}$`));
  });

  it('X-Forwarded-Proto: https counts only with TRUST_PROXY=1, and then the cookie is __Host- and Secure', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    expect(await setCookieOf(plain, https)).toMatch(/^idem_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(await setCookieOf(behindProxy, https)).toMatch(new RegExp(`^__Host-idem_session=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}; Secure$`));
    expect(await setCookieOf(behindProxy, { 'x-forwarded-proto': 'http' })).toMatch(/^idem_session=[^;]+; [^]*Max-Age=\d+$/);
  });

  it('over HTTPS, reads the __Host- cookie and ignores an unprefixed one (which plain HTTP could have planted)', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const issued = (await setCookieOf(behindProxy, https))!.split(';')[0]!;
    expect(await setCookieOf(behindProxy, { ...https, cookie: issued })).toBeNull();
    const planted = `idem_session=${issued.slice(issued.indexOf('=') + 1)}`;
    expect(await setCookieOf(behindProxy, { ...https, cookie: planted })).toMatch(/^__Host-idem_session=/);
    // Over plain HTTP (development), the unprefixed cookie is the session.
    const local = (await setCookieOf(plain))!.split(';')[0]!;
    expect(await setCookieOf(plain, { cookie: local })).toBeNull();
  });

  it('refuses a session older than SESSION_MAX_AGE_S and issues a new one; a mutation with it gets 401 SESSION_REQUIRED', async () => {
    const id = '0b5c0d6e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
    const nowS = Math.floor(Date.now() / 1000);
    const fresh = `idem_session=${signSession(id, nowS - MAX_AGE_S + 60, SECRET)}`;
    const expired = `idem_session=${signSession(id, nowS - MAX_AGE_S - 60, SECRET)}`;
    expect(await setCookieOf(plain, { cookie: fresh })).toBeNull();
    const replaced = await setCookieOf(plain, { cookie: expired });
    expect(replaced).toMatch(/^idem_session=/);
    expect(replaced).not.toContain(id);
    const edit = await postMutation(plain, 'cart.setItemQuantity', { key: randomUUID(), body: setItem, cookie: expired });
    expect(edit.status, edit.body).toBe(401);
    expect(errorCode(edit.body)).toBe('SESSION_REQUIRED');
    expect(await database.db.cart.count({ where: { sessionId: id } })).toBe(0);
  });

  it('cart.setItemQuantity without a cookie creates no cart row: 401 SESSION_REQUIRED, and the response sets the cookie to use', async () => {
    const before = await database.db.cart.count();
    for (let n = 0; n < 5; n++) {
      const response = await postMutation(plain, 'cart.setItemQuantity', { key: randomUUID(), body: setItem });
      expect(response.status, response.body).toBe(401);
      expect(errorCode(response.body)).toBe('SESSION_REQUIRED');
      expect(response.headers.get('set-cookie')).toMatch(/^idem_session=/);
    }
    expect(await database.db.cart.count()).toBe(before);

    const cookie = (await postMutation(plain, 'cart.setItemQuantity', { key: randomUUID(), body: setItem })).headers.get('set-cookie')!.split(';')[0]!;
    const edit = await postMutation(plain, 'cart.setItemQuantity', { key: randomUUID(), body: setItem, cookie });
    expect(edit.status, edit.body).toBe(200);
    expect(await database.db.cart.count()).toBe(before + 1);
  });
});
