/** The peer variants the harness measures: each library on a store its documentation names. */

export interface PeerVariant {
  /** Stable id, passed to the server process. */
  id: 'express-idempotency/memory' | 'node-idempotency/memory' | 'node-idempotency/redis' | 'powertools/redis';
  /** The npm package, with the version the lockfile holds. */
  library: string;
  /** The store, as the report names it. */
  store: string;
  /** Whether the store is the local Redis (the row is skipped when none answers). */
  redis: boolean;
}

export const PEER_VARIANTS: readonly PeerVariant[] = [
  { id: 'express-idempotency/memory', library: 'express-idempotency', store: 'in memory (its default adapter)', redis: false },
  { id: 'node-idempotency/memory', library: '@node-idempotency/core', store: 'in memory (storage-adapter-memory)', redis: false },
  { id: 'node-idempotency/redis', library: '@node-idempotency/core', store: 'Redis (storage-adapter-redis)', redis: true },
  { id: 'powertools/redis', library: '@aws-lambda-powertools/idempotency', store: 'Redis (CachePersistenceLayer, @redis/client)', redis: true },
];
