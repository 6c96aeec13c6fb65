import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { idempotencyStoresFor } from '~/server/idempotency/idempotency-store';
import { createTestDatabase, type TestDatabase } from '~/test/test-database';
import { promText, runSynthetic } from './synthetic';

const run = promisify(execFile);

describe('npm run synthetic', () => {
  let database: TestDatabase;
  let api: ApiServer;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await seed(database.db);
    api = await serveApi({ db: database.db });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('walks browse, cart, pay and replay through the real link: one order, replayed under the same key', async () => {
    const result = await runSynthetic({ url: api.url, productId: 'v60-filters' });
    expect(result).toMatchObject({ ok: true });
    expect(Object.keys(result.steps)).toEqual(['browse', 'cart', 'pay', 'replay']);
    expect(await database.db.order.count()).toBe(1);
    await idempotencyStoresFor(database.db).records.flushReplays?.(); // replay counts are buffered
    const record = await database.db.idempotencyRecord.findFirstOrThrow({ where: { procedure: 'checkout.placeOrder' } });
    expect(record).toMatchObject({ status: 'COMPLETED', replayCount: 1 });
    expect(promText(result)).toMatch(/^idem_synthetic_success 1$/m);
  });

  it('reports a failure, and the command exits non-zero, when the shop does not answer', async () => {
    const result = await runSynthetic({ url: 'http://127.0.0.1:9' });
    expect(result.ok).toBe(false);
    expect(promText(result)).toMatch(/^idem_synthetic_success 0$/m);
    const cli = await run(process.execPath, ['--import', 'tsx', 'scripts/synthetic.ts', '--url', 'http://127.0.0.1:9']).catch((error: { code: number; stdout: string }) => error);
    expect(cli).toMatchObject({ code: 1 });
    expect(JSON.parse((cli as { stdout: string }).stdout)).toMatchObject({ ok: false });
  });
});
