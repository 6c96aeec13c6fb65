import { IdempotencyLinkError } from './IdempotencyLinkError.js';
import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * The journal's storage failed — quota exceeded, private mode, IndexedDB unavailable or too slow.
 * Never thrown at a mutation: the journal switches to memory, reports this error through
 * `onStorageError` and the monitor, and tries the storage again after `storageRecoveryMs`.
 * Thrown only by `clearJournal` on a storage it cannot list or clear.
 */
export class JournalStorageError extends IdempotencyLinkError {
  override readonly name = 'JournalStorageError' as const;
  override readonly code = 'JOURNAL_STORAGE_FAILED' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Whether `value` is a `JournalStorageError`: an `Error` with its name (see `IdempotencyLinkError`). */
export function isJournalStorageError(value: unknown): value is JournalStorageError {
  return isErrorNamed(value, 'JournalStorageError');
}
