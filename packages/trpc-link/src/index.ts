// The link and what it reads from the operation context
export { idempotencyLink } from './idempotencyLink.js';
export type { IdempotencyLinkOptions, RetryPolicyOptions } from './IdempotencyLinkOptions.js';
export type { IdempotencyContext } from './IdempotencyContext.js';
export { idempotencyHeaders } from './idempotencyHeaders.js';
export { idempotencyKeyOf } from './idempotencyKeyOf.js';
export { uuidv7 } from './internals/uuidv7.js';

// Retry policy
export { shouldRetry, type RetryDecision, type RetryReason, type StopReason } from './shouldRetry.js';
export { exponentialBackoff, type ExponentialBackoffOptions } from './exponentialBackoff.js';

// Events
export type { IdempotencyEvent, ReplayEvent, RetryEvent, SettledEvent } from './IdempotencyEvent.js';
export { createIdempotencyMonitor, type IdempotencyMonitor } from './createIdempotencyMonitor.js';
export type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';

// Journal storage
export type { JournalStorage } from './JournalStorage.js';
export { memoryStorage } from './memoryStorage.js';
export { webStorage, type WebStorageLike } from './webStorage.js';
export { indexedDBStorage, type IndexedDBStorageOptions } from './indexedDBStorage.js';

// Errors
export { IdempotencyLinkError, isIdempotencyLinkError } from './IdempotencyLinkError.js';
export { RetryAbortedError, isRetryAbortedError } from './RetryAbortedError.js';
export { JournalStorageError, isJournalStorageError } from './JournalStorageError.js';
