/** Starts one peer variant's server process (bench/peers/peer-server.ts) on its scratch database. */
import path from 'node:path';
import { startServer, type BenchServer } from '../server-process';
import type { PeerVariant } from './variants';

export interface PeerServerOptions {
  databaseFile: string;
  redisUrl: string;
  /** The prefix of every Redis key the variant writes (ignored by the in-memory ones). */
  keyPrefix: string;
  logDir: string;
}

export function startPeerServer(variant: PeerVariant, { databaseFile, redisUrl, keyPrefix, logDir }: PeerServerOptions): Promise<BenchServer> {
  return startServer({
    name: variant.id,
    command: process.execPath,
    args: ['--import', 'tsx', 'bench/peers/peer-server.ts'],
    env: { NODE_ENV: 'production', PEER_VARIANT: variant.id, PEER_DATABASE: databaseFile, REDIS_URL: redisUrl, PEER_KEY_PREFIX: keyPrefix },
    logFile: path.join(logDir, `peer-${variant.id.replace('/', '-')}.log`),
    ready: { line: true },
  });
}
