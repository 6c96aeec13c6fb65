export { idempotency, type IdempotencyHttpContext, type IdempotencyOptions } from './idempotency.js';
export { commitThenFail, type IdempotencyHandle } from './handle.js';
export type { IdempotencyEvent, IdempotencyHooks } from './hooks.js';
export {
  IdempotencyError,
  isIdempotencyError,
  LostLockError,
  isLostLockError,
  UnserializableResultError,
  isUnserializableResultError,
  type IdempotencyErrorCode,
} from './errors.js';
export { idempotencyErrorData, type IdempotencyErrorData } from './errorData.js';
export { MAX_KEY_LENGTH, splitKeyHeader } from './key.js';
export { fingerprint, canonicalJson } from './fingerprint.js';
export { storeDeterministicErrors, ReplayedError, type StoreErrorPolicy } from './outcome.js';
export { memoryStore } from './memoryStore.js';
export { memoryLeases } from './memoryLeases.js';
export {
  idempotencyCompleter,
  type IdempotencyCompleter,
  type IdempotencyCompleterOptions,
  type CompleterEvent,
  type Compensation,
} from './idempotencyCompleter.js';
export {
  prismaStore,
  prismaLeases,
  type PrismaStoreOptions,
  type LeaseDelegate,
  type PrismaLikeClient,
  type IdempotencyRecordDelegate,
  type IdempotencyRecordRow,
} from './prismaStore.js';
export type * from './store.js';
