// The middleware and what a procedure sees
export { idempotency, type IdempotencyHttpContext, type IdempotencyOptions } from './idempotency.js';
export type { IdempotencyHandle } from './IdempotencyHandle.js';
export { commitThenFail, isCommitThenFail, CommitThenFail } from './commitThenFail.js';
export type { IdempotencyEvent, IdempotencyHooks } from './IdempotencyHooks.js';
export { storeDeterministicErrors, type StoreErrorPolicy } from './storeDeterministicErrors.js';
export { MAX_KEY_LENGTH } from './internals/keyHeader.js';

// Errors and the coded-error contract behind error.data.code / error.data.retryable
export { idempotencyErrorData, type IdempotencyErrorData } from './idempotencyErrorData.js';
export { CodedError, isCodedError } from './CodedError.js';
export { IdempotencyError, isIdempotencyError, IDEMPOTENCY_ERRORS, type IdempotencyErrorCode } from './IdempotencyError.js';
export { ReplayedError, isReplayedError } from './ReplayedError.js';
export { LostLockError, isLostLockError } from './LostLockError.js';
export { UnserializableResultError, isUnserializableResultError } from './UnserializableResultError.js';

// Stores
export type * from './store.js';
export { memoryStore } from './memoryStore.js';
export { memoryLeases } from './memoryLeases.js';
export { prismaStore, type PrismaStoreOptions, type PrismaLikeClient, type IdempotencyRecordDelegate, type IdempotencyRecordRow } from './prismaStore.js';
export { prismaLeases, type LeaseDelegate } from './prismaLeases.js';

// Abandoned requests, expired keys, and other work one instance does at a time
export { leaderJob, type LeaderJob, type LeaderJobOptions } from './leaderJob.js';
export { idempotencyCompleter, type IdempotencyCompleter, type IdempotencyCompleterOptions, type CompleterEvent, type Compensation } from './idempotencyCompleter.js';
