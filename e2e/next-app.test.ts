import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../prisma/catalog';
import { seed } from '../prisma/seed';
import { startNextServer, type NextServer } from '~/test/next-server';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';

// The built Next.js app, served by `next start` exactly as `npm start` serves it.
describe.each(PROVIDERS)('the built app on %s', (provider) => {
  let database: TestDatabase;
  let app: NextServer;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    app = await startNextServer(database.url);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('renders the seeded catalog on the home page, giving a first-time visitor a guest session', async () => {
    const response = await fetch(app.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^idem_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const html = await response.text();
    for (const product of catalog) expect(html).toContain(product.name.replaceAll('&', '&amp;'));
  });

  it('serves catalog.list at /api/trpc as plain JSON', async () => {
    const response = await fetch(`${app.url}/api/trpc/catalog.list`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { result: { data: unknown[] } };
    expect(body.result.data).toHaveLength(catalog.length);
  });

  it('is live and ready', async () => {
    expect((await fetch(`${app.url}/api/health/live`)).status).toBe(200);
    const ready = await fetch(`${app.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('keeps /ops closed on a server without OPS_TOKEN, saying how to enable it', async () => {
    const response = await fetch(`${app.url}/ops`);
    const html = await response.text();
    expect(html).toContain('Operator access is off');
    expect(html).toContain('set OPS_TOKEN');
    expect(html).not.toContain('record-row');
    const api = await fetch(`${app.url}/api/trpc/ops.idempotencyRecords`);
    expect(api.status).toBe(403);
    expect(api.headers.get('x-request-id')).toBeTruthy();
  });
});

describe('the built app on an unmigrated database', () => {
  let app: NextServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'idem-unmigrated-'));
    app = await startNextServer(`file:${path.join(dir, 'empty.db')}`);
  });
  afterAll(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is live but answers /api/health/ready with 503 migrations_pending', async () => {
    expect((await fetch(`${app.url}/api/health/live`)).status).toBe(200);
    const ready = await fetch(`${app.url}/api/health/ready`);
    expect(ready.status).toBe(503);
    const body = await ready.text();
    expect(JSON.parse(body)).toEqual({ status: 'not_ready', reason: 'migrations_pending', message: expect.any(String) });
    expect(body).not.toMatch(/_prisma_migrations|init|SQLITE|table/i);
  });
});
