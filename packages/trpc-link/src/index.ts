// The link, its ready-wired terminating links, and what it reads from the operation context
export { idempotencyLink, type IdempotencyLink } from './idempotencyLink.js';
export { idempotentHttpBatchLink } from './idempotentHttpBatchLink.js';
export { idempotentHttpLink } from './idempotentHttpLink.js';
export type { IdempotencyLinkOptions, RetryPolicyOptions } from './IdempotencyLinkOptions.js';
export { idempotencyContext, type IdempotencyContext } from './IdempotencyContext.js';
export { idempotencyHeaders } from './idempotencyHeaders.js';

// Retry policy
export { shouldRetry, type RetryDecision, type RetryReason, type StopReason } from './shouldRetry.js';
export { exponentialBackoff, type ExponentialBackoffOptions } from './exponentialBackoff.js';

// Events and results
export type { AttemptEvent, IdempotencyEvent, JournalStorageEvent, ReplayEvent, RetryEvent, SettledEvent } from './IdempotencyEvent.js';
export { createIdempotencyMonitor, type IdempotencyMonitor, type JournalStorageState } from './createIdempotencyMonitor.js';
export type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
export type { IdempotencyResultMeta } from './IdempotencyResultMeta.js';
export { getIdempotencyMeta, getIdempotencyResultMeta } from './getIdempotencyMeta.js';

// Journal storage
export type { JournalStorage } from './JournalStorage.js';
export { memoryStorage } from './memoryStorage.js';
export { webStorage, type WebStorageLike } from './webStorage.js';
export { indexedDBStorage, type IndexedDBStorageOptions } from './indexedDBStorage.js';
export { clearJournal, type ClearJournalOptions } from './clearJournal.js';
export type { PendingOperation, PendingOperationsOptions } from './PendingOperation.js';

// Errors
export { IdempotencyLinkError, isIdempotencyLinkError } from './IdempotencyLinkError.js';
export { IdempotencyKeyNotSentError, isIdempotencyKeyNotSentError } from './IdempotencyKeyNotSentError.js';
export { InvalidIdempotencyKeyError, isInvalidIdempotencyKeyError } from './InvalidIdempotencyKeyError.js';
export { GatewayError, isGatewayError } from './GatewayError.js';
export { RetryAbortedError, isRetryAbortedError } from './RetryAbortedError.js';
export { JournalStorageError, isJournalStorageError } from './JournalStorageError.js';
