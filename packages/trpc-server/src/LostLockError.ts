/**
 * Thrown inside a fenced transaction when the record's lock token is no longer ours: the lock
 * expired and another request took the key over. The transaction rolls back.
 */
export class LostLockError extends Error {
  override readonly name = 'LostLockError' as const;
  constructor() {
    super('This request held its Idempotency-Key past the lock timeout and another request took it over.');
  }
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isLostLockError(value: unknown): value is LostLockError {
  return value instanceof Error && value.name === 'LostLockError';
}
