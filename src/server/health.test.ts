import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './db/create-db';
import { checkReadiness, readinessResponse, shippedMigrations } from './health';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';

describe.each(PROVIDERS)('readiness on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());

  it('is ready when every shipped migration is applied', async () => {
    const shipped = await shippedMigrations(provider);
    expect(shipped.length).toBeGreaterThan(0);
    expect(await checkReadiness(database.db, shipped)).toEqual({ ready: true });
  });

  it('reports a shipped migration the database lacks as pending', async () => {
    const result = await checkReadiness(database.db, [...(await shippedMigrations(provider)), '99990101000000_not_applied']);
    expect(result).toMatchObject({ ready: false, reason: 'migrations_pending', detail: 'pending: 99990101000000_not_applied' });
  });
});

describe('readiness without a migrated database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'idem-health-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is migrations_pending on an empty SQLite file', async () => {
    const db = createDb(`file:${path.join(dir, 'empty.db')}`);
    try {
      expect(await checkReadiness(db, ['20250101000000_init'])).toMatchObject({ ready: false, reason: 'migrations_pending' });
    } finally {
      await db.$disconnect();
    }
  });

  it('is database_unreachable when PostgreSQL does not answer', async () => {
    const db = createDb('postgresql://nobody@127.0.0.1:1/nowhere');
    try {
      expect(await checkReadiness(db, ['20250101000000_init'])).toMatchObject({ ready: false, reason: 'database_unreachable' });
    } finally {
      await db.$disconnect();
    }
  });
});

describe('the readiness answer', () => {
  it('names the reason and no driver text; the detail goes to the log only', async () => {
    const db = createDb('postgresql://nobody@127.0.0.1:1/nowhere');
    const logged: string[] = [];
    try {
      const readiness = await checkReadiness(db, ['20250101000000_init']);
      expect(readiness).toMatchObject({ ready: false, reason: 'database_unreachable' });
      const detail = readiness.ready ? '' : readiness.detail;
      expect(detail.length).toBeGreaterThan(0);
      const response = readinessResponse(readiness, (line) => logged.push(line));
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ status: 'not_ready', reason: 'database_unreachable', message: 'The database does not answer.' });
      expect(text).not.toContain(detail);
      expect(text).not.toMatch(/127\.0\.0\.1|nobody|ECONNREFUSED|connect/i);
      expect(logged).toEqual([expect.stringContaining(detail)]);
    } finally {
      await db.$disconnect();
    }
  });

  it('keeps the names of pending migrations out of the body', async () => {
    const logged: string[] = [];
    const response = readinessResponse({ ready: false, reason: 'migrations_pending', detail: 'pending: 20990101000000_secret_feature' }, (line) => logged.push(line));
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'not_ready', reason: 'migrations_pending' });
    expect(text).not.toContain('secret_feature');
    expect(logged).toEqual([expect.stringContaining('20990101000000_secret_feature')]);
  });

  it('is 200 ready, uncached, when ready', async () => {
    const response = readinessResponse({ ready: true }, () => expect.unreachable('nothing to log'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ready' });
  });
});
