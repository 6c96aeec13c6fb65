/**
 * One peer variant's server process (bench/peers/peer-app.ts) on its scratch database: PEER_VARIANT
 * names the variant (bench/peers/variants.ts), PEER_DATABASE the SQLite file, REDIS_URL and
 * PEER_KEY_PREFIX the Redis store and the prefix of every key it writes there. Prints
 * `listening <url>`; SIGTERM closes it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkoutWork, openPeerDatabase } from './checkout-work';
import { expressIdempotencyGuard } from './guard-express-idempotency';
import { nodeIdempotencyGuard } from './guard-node-idempotency';
import { powertoolsGuard } from './guard-powertools';
import { peerApp, type PeerGuard } from './peer-app';
import type { PeerVariant } from './variants';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function guardFor(id: PeerVariant['id']): Promise<PeerGuard> | PeerGuard {
  const redis = () => ({ redisUrl: required('REDIS_URL'), keyPrefix: required('PEER_KEY_PREFIX') });
  switch (id) {
    case 'express-idempotency/memory':
      return expressIdempotencyGuard();
    case 'node-idempotency/memory':
      return nodeIdempotencyGuard('memory');
    case 'node-idempotency/redis':
      return nodeIdempotencyGuard(redis());
    case 'powertools/redis':
      return powertoolsGuard(redis());
  }
}

const db = openPeerDatabase(required('PEER_DATABASE'));
const guard = await guardFor(required('PEER_VARIANT') as PeerVariant['id']);
const server = createServer(peerApp(guard, checkoutWork(db)));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void guard.close().finally(() => {
      db.close();
      process.exit(0);
    });
  });
});
console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
