import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { getGatewayChaos } from '~/server/payments/gateway-chaos';
import { issueOperatorCookie } from '~/server/ops-auth/operator-cookie';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { dataOf, errorCode, getQuery, postMutation, type RawResponse } from './support/api';

// The operator door: every ops.* procedure needs `Authorization: Bearer <OPS_TOKEN>` (or the
// /ops sign-in cookie), and gateway chaos can only be changed on a server started with
// ENABLE_GATEWAY_CHAOS=1. Measured before: anonymous callers could list every customer's records
// and make every charge answer 503.
const OPS_TOKEN = 'ops-token-for-tests-0123456789-abcdef';
const bearer = { authorization: `Bearer ${OPS_TOKEN}` };
const messageOf = (response: RawResponse) => (JSON.parse(response.body) as { error: { message: string } }).error.message;

describe.each(PROVIDERS)('operator access over HTTP on %s', (provider) => {
  let database: TestDatabase;
  const servers: ApiServer[] = [];
  let guarded: string;
  let disabled: string;
  let chaotic: string;
  let flaggedId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    const start = async (env: Record<string, string>) => {
      const api = await serveApi({ db: database.db, env: readServerEnv(env) });
      servers.push(api);
      return api.url;
    };
    guarded = await start({ OPS_TOKEN });
    disabled = await start({});
    chaotic = await start({ OPS_TOKEN, ENABLE_GATEWAY_CHAOS: '1' });
    const record = await database.db.idempotencyRecord.create({
      data: { scope: 'shopper', key: 'stuck-key', procedure: 'checkout.placeOrder', fingerprint: 'f', input: '{}', expiresAt: new Date(Date.now() + 60_000), recoveryPoint: 'order_created', completionAttempts: 5, flaggedAt: new Date(), flagReason: 'gave up' },
    });
    flaggedId = record.id;
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await database?.drop();
  });

  const callAll = (url: string, headers: Record<string, string>) =>
    Promise.all([
      getQuery(url, 'ops.idempotencyRecords', { headers }),
      getQuery(url, 'ops.gatewayChaos', { headers }),
      postMutation(url, 'ops.retryFlaggedRecord', { body: { id: flaggedId }, headers }),
      postMutation(url, 'ops.setGatewayChaos', { body: { latencyMs: 30_000, failureRate: 1 }, headers }),
    ]);

  it('refuses every ops procedure without the credential: 401 OPERATOR_CREDENTIAL_REQUIRED, a clear message, WWW-Authenticate, nothing changed', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token' }, { cookie: `idem_ops=${OPS_TOKEN}` }];
    for (const headers of attempts) {
      for (const response of await callAll(guarded, headers)) {
        expect(response.status, response.body).toBe(401);
        expect(errorCode(response.body)).toBe('OPERATOR_CREDENTIAL_REQUIRED');
        expect(messageOf(response)).toMatch(/Authorization: Bearer <OPS_TOKEN>/);
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="idem-ops"');
        expect(response.body).not.toContain('stuck-key');
      }
    }
    expect(await database.db.idempotencyRecord.count({ where: { id: flaggedId, flaggedAt: { not: null } } })).toBe(1);
    expect(getGatewayChaos()).toEqual({ latencyMs: 0, failureRate: 0 });
  });

  it('is off on a server without OPS_TOKEN: 403 OPERATOR_ACCESS_DISABLED, saying how to enable it, even with a token', async () => {
    for (const response of await callAll(disabled, bearer)) {
      expect(response.status, response.body).toBe(403);
      expect(errorCode(response.body)).toBe('OPERATOR_ACCESS_DISABLED');
      expect(messageOf(response)).toMatch(/set OPS_TOKEN/);
    }
    expect(await database.db.idempotencyRecord.count({ where: { id: flaggedId, flaggedAt: { not: null } } })).toBe(1);
  });

  it('accepts the Bearer credential, and the sign-in cookie, without a guest session', async () => {
    const records = await getQuery(guarded, 'ops.idempotencyRecords', { headers: bearer });
    expect(records.status, records.body).toBe(200);
    expect(dataOf<{ keyPreview: string }[]>(records).map((r) => r.keyPreview)).toContain('stuck-key');
    const cookie = issueOperatorCookie(OPS_TOKEN, { secure: false }).split(';')[0]!;
    const chaos = await getQuery(guarded, 'ops.gatewayChaos', { headers: { cookie } });
    expect(chaos.status, chaos.body).toBe(200);
    expect(dataOf(chaos)).toEqual({ enabled: false, latencyMs: 0, failureRate: 0 });
  });

  it('refuses to change gateway chaos, even for the operator, unless the server runs with ENABLE_GATEWAY_CHAOS=1', async () => {
    const refused = await postMutation(guarded, 'ops.setGatewayChaos', { body: { latencyMs: 30_000, failureRate: 1 }, headers: bearer });
    expect(refused.status, refused.body).toBe(403);
    expect(errorCode(refused.body)).toBe('GATEWAY_CHAOS_DISABLED');
    expect(messageOf(refused)).toMatch(/ENABLE_GATEWAY_CHAOS=1/);
    expect(getGatewayChaos()).toEqual({ latencyMs: 0, failureRate: 0 });

    const allowed = await postMutation(chaotic, 'ops.setGatewayChaos', { body: { latencyMs: 5, failureRate: 0.5 }, headers: bearer });
    try {
      expect(allowed.status, allowed.body).toBe(200);
      expect(dataOf(allowed)).toEqual({ enabled: true, latencyMs: 5, failureRate: 0.5 });
      expect(getGatewayChaos()).toEqual({ latencyMs: 5, failureRate: 0.5 });
    } finally {
      expect((await postMutation(chaotic, 'ops.setGatewayChaos', { body: { latencyMs: 0, failureRate: 0 }, headers: bearer })).status).toBe(200);
    }
  });

  it('hands a flagged record back only for the operator', async () => {
    const response = await postMutation(guarded, 'ops.retryFlaggedRecord', { body: { id: flaggedId }, headers: bearer });
    expect(response.status, response.body).toBe(200);
    expect(dataOf(response)).toEqual({ handedBack: true });
    expect(await database.db.idempotencyRecord.count({ where: { id: flaggedId, flaggedAt: null } })).toBe(1);
  });
});
