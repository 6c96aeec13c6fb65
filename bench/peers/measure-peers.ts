/**
 * The peers, side by side in the run: each variant (bench/peers/variants.ts) in its own server
 * process on its own scratch SQLite file, measured against its own plain baseline in the same
 * process — plain, first executions (a new key each request), replays (one stored key again), rows
 * taking turns — then storms of 100 duplicates of one new key. A variant on Redis is skipped, with
 * the reason, when no Redis answers; a variant that fails is reported as failed, and the run goes on.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LoadRequest } from '../load';
import type { PeerResults, Runs } from '../results';
import { rounds, type RoundOptions } from '../rounds';
import { openPeerDatabase, PEER_PRODUCTS } from './checkout-work';
import { benchRedisUrl, deleteRedisKeys, redisUnavailable } from './local-redis';
import { peerStorm, postOrder } from './peer-storm';
import { startPeerServer } from './start-peer-server';
import { PEER_VARIANTS, type PeerVariant } from './variants';

export interface PeerMeasureOptions extends RoundOptions {
  /** Storms of 100 duplicates per variant. */
  storms: number;
  /** The scratch databases go to `<dataDir>/peers/`. */
  dataDir: string;
  logDir: string;
}

export async function measurePeers(options: PeerMeasureOptions): Promise<PeerResults[]> {
  const redisUrl = benchRedisUrl();
  const noRedis = await redisUnavailable(redisUrl);
  if (noRedis) options.log(`  peers on Redis skipped: ${noRedis}`);
  const results: PeerResults[] = [];
  for (const variant of PEER_VARIANTS) {
    const about = { name: variant.library, store: variant.store, rows: {}, storms: [] };
    if (variant.redis && noRedis) {
      results.push({ ...about, skipped: noRedis });
      continue;
    }
    try {
      results.push(await measureVariant(variant, redisUrl, options));
    } catch (error) {
      options.log(`  ${variant.id} failed: ${(error as Error).message}`);
      results.push({ ...about, skipped: `failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }
  return results;
}

async function measureVariant(variant: PeerVariant, redisUrl: string, options: PeerMeasureOptions): Promise<PeerResults> {
  const databaseFile = freshDatabase(path.join(options.dataDir, 'peers'), variant);
  const keyPrefix = `idem-bench-${randomUUID()}`;
  const server = await startPeerServer(variant, { databaseFile, redisUrl, keyPrefix, logDir: options.logDir });
  const rows: Record<string, Runs> = {};
  const storms: PeerResults['storms'] = [];
  try {
    const bodies = Array.from({ length: PEER_PRODUCTS }, (_, i) => JSON.stringify({ productId: i + 1, quantity: 1 }));
    const body = bodies[0] ?? '';
    const replayKey = randomUUID();
    const status = await postOrder(`${server.url}/order`, body, replayKey);
    if (status !== 200) throw new Error(`${variant.id}: the first POST /order answered ${status}`);
    const shapes: Record<'plain' | 'first' | 'replay', LoadRequest> = {
      plain: { method: 'POST', path: '/plain/order', bodies, freshKey: true },
      first: { method: 'POST', path: '/order', bodies, freshKey: true },
      replay: { method: 'POST', path: '/order', headers: { 'idempotency-key': replayKey }, body },
    };
    await rounds(rows, server, options, shapes);
    for (let i = 0; i < options.storms; i++) storms.push(await peerStorm(`${server.url}/order`, body, databaseFile));
    options.log(`  ${variant.id}: storms ${storms.map((s) => `${s.executions} execution(s) ${JSON.stringify(s.statuses)}`).join('; ')}`);
  } finally {
    await server.stop();
    if (variant.redis) await deleteRedisKeys(redisUrl, keyPrefix);
  }
  return { name: variant.library, store: variant.store, rows, storms };
}

/** A new scratch database for `variant` in `dir`, replacing an earlier run's. */
function freshDatabase(dir: string, variant: PeerVariant): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${variant.id.replace('/', '-')}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  openPeerDatabase(file, { create: true }).close();
  return file;
}
