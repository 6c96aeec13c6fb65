import { IdempotencyLinkError } from './IdempotencyLinkError.js';

/**
 * The journal's storage failed — quota exceeded, private mode, IndexedDB unavailable or too slow.
 * Never thrown at a mutation: the journal switches to memory for the rest of the session and
 * reports this error once through `onStorageError`.
 */
export class JournalStorageError extends IdempotencyLinkError {
  override readonly name = 'JournalStorageError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Whether `value` is a `JournalStorageError`. Checks the name, so it works across realms. */
export function isJournalStorageError(value: unknown): value is JournalStorageError {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'JournalStorageError';
}
