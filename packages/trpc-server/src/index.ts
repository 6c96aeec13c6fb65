export { idempotency, type IdempotencyHttpContext, type IdempotencyOptions } from './idempotency.js';
export { IdempotencyError, isIdempotencyError, type IdempotencyErrorCode } from './errors.js';
export { idempotencyErrorData, type IdempotencyErrorData } from './errorData.js';
export { MAX_KEY_LENGTH, splitKeyHeader } from './key.js';
export { fingerprint, canonicalJson } from './fingerprint.js';
export { storeDeterministicErrors, ReplayedError, type StoreErrorPolicy } from './outcome.js';
export { memoryStore } from './memoryStore.js';
export { prismaStore, type PrismaStoreOptions, type IdempotencyRecordDelegate, type IdempotencyRecordRow } from './prismaStore.js';
export type * from './store.js';
