/**
 * Every measurement on one database: through serve:api (first execution, replay, cached query, a
 * storm of duplicates, then the same rows with many more stored records), through the baseline
 * server (plain vs idempotent), through `next start`, and the sweeper. Rows of a group take turns,
 * repetition by repetition, so a change in the machine's load hits them alike.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { BenchDatabase } from './bench-database';
import { seedRecords } from './bench-database';
import type { LoadRequest } from './load';
import type { ProviderResults, Runs } from './results';
import type { BenchServer } from './server-process';
import { rounds } from './rounds';
import { startBaseline, startNext, startServeApi } from './servers';
import { postPlaceOrder, singleRequestMs, storm } from './storm';
import { sweeperRecordsPerSecond } from './sweeper';
import { BENCH_CHECKOUT } from './bench-checkout';

export interface MeasureOptions {
  rowSeconds: number;
  repetitions: number;
  connections: number;
  records: { small: number; large: number };
  sweepRecords: number;
  storms: number;
  withNext: boolean;
  logDir: string;
  log: (line: string) => void;
}

export async function measureProvider(bench: BenchDatabase, options: MeasureOptions): Promise<ProviderResults> {
  const { db, url, provider } = bench;
  const { log } = options;
  const rows: Record<string, Runs> = {};
  const productIds = (await db.product.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
  const bodies = productIds.map((productId) => JSON.stringify({ items: [{ productId, quantity: 1 }], ...BENCH_CHECKOUT, payment: { token: 'tok_visa' } }));
  const body = bodies[0] ?? '';

  await seedRecords(db, options.records.small);
  const result: ProviderResults = { provider, rows, singleMs: Number.NaN, storms: [], records: options.records, sweeper: { deleted: 0, perSecond: Number.NaN } };

  await withServer(startServeApi(url, options.logDir), async (server, cookie) => {
    const replayKey = await firstExecution(server, cookie, body);
    const shapes = checkoutShapes(cookie, bodies, body, replayKey);
    await rounds(rows, server, options, { 'serve:first': shapes.first, 'serve:replay': shapes.replay, 'serve:catalog': shapes.catalog });
    result.singleMs = await singleRequestMs(server.url, cookie, body, 15);
    for (let i = 0; i < options.storms; i++) result.storms.push(await storm(server.url, cookie, body, db));
    log(`  ${provider}: storms ${result.storms.map((s) => `${s.executions} execution(s) ${JSON.stringify(s.statuses)}`).join('; ')}`);
    log(`  ${provider}: seeding ${options.records.large - options.records.small} more records`);
    await seedRecords(db, options.records.large - options.records.small);
    await rounds(rows, server, options, { 'serve:first@large': shapes.first, 'serve:replay@large': shapes.replay });
  });

  await withServer(startBaseline(url, options.logDir), async (server, cookie) => {
    const shapes = checkoutShapes(cookie, bodies, body, '');
    await rounds(rows, server, options, { 'base:plain': { ...shapes.first, path: '/api/trpc/plain.placeOrder', freshKey: false }, 'base:idem': shapes.first });
  });

  if (!options.withNext) result.nextSkipped = 'not asked for (--no-next)';
  else if (!existsSync('.next/BUILD_ID')) result.nextSkipped = 'no Next.js build (.next/BUILD_ID)';
  else {
    await withServer(startNext(url, options.logDir), async (server, cookie) => {
      const replayKey = await firstExecution(server, cookie, body);
      const shapes = checkoutShapes(cookie, bodies, body, replayKey);
      await rounds(rows, server, options, { 'next:first': shapes.first, 'next:replay': shapes.replay, 'next:catalog': shapes.catalog });
    });
  }

  result.sweeper = await sweeperRecordsPerSecond(db, options.sweepRecords);
  log(`  ${provider}: sweeper ${Math.round(result.sweeper.perSecond)} records/s (${result.sweeper.deleted} deleted)`);
  return result;
}

function checkoutShapes(cookie: string, bodies: readonly string[], body: string, replayKey: string): Record<'first' | 'replay' | 'catalog', LoadRequest> {
  return {
    first: { method: 'POST', path: '/api/trpc/checkout.placeOrder', headers: { cookie }, bodies, freshKey: true },
    // A replay is a retry, and says so as @idem/trpc-link does: the server reads the key before inserting.
    replay: { method: 'POST', path: '/api/trpc/checkout.placeOrder', headers: { cookie, 'idempotency-key': replayKey, 'idempotency-attempt': '2' }, body },
    catalog: { method: 'GET', path: '/api/trpc/catalog.list', headers: { cookie } },
  };
}

/** A first execution to replay, whose key the replay rows then send again and again. */
async function firstExecution(server: BenchServer, cookie: string, body: string): Promise<string> {
  const key = randomUUID();
  const { status } = await postPlaceOrder(server.url, cookie, body, key);
  if (status !== 200) throw new Error(`${server.name}: the first placeOrder answered ${status}`);
  return key;
}

async function withServer(starting: Promise<BenchServer>, work: (server: BenchServer, cookie: string) => Promise<void>): Promise<void> {
  const server = await starting;
  try {
    await work(server, await openSession(server.url));
  } finally {
    await server.stop();
  }
}

/** A guest session's cookie: mutations are refused without one. */
async function openSession(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/trpc/catalog.list`);
  await response.arrayBuffer();
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`${baseUrl} set no session cookie`);
  return cookie;
}
