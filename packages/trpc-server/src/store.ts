/** What was answered the first time, kept to answer every duplicate identically. */
export interface StoredResponse {
  /** The HTTP status of the first execution (200 for a result, the error's status otherwise). */
  status: number;
  /** The JSON text of the outcome: `{"result":…}` or `{"error":{…}}`. */
  body: string;
}

interface RecordBase {
  id: string;
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  expiresAt: Date;
}

/** A key whose request is running, or whose owner crashed while holding the lock. */
export interface InProgressRecord extends RecordBase {
  status: 'IN_PROGRESS';
  lockToken: string;
  lockedUntil: Date;
  /** The last phase committed, `started` before any. */
  recoveryPoint: string;
  /** JSON object: each committed phase's result by phase name. */
  phaseData: string;
}

/** A key whose outcome is stored for replay. */
export interface CompletedRecord extends RecordBase {
  status: 'COMPLETED';
  response: StoredResponse;
}

export type IdempotencyRecordView = InProgressRecord | CompletedRecord;

export interface ClaimInput {
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  lockToken: string;
  lockedUntil: Date;
  expiresAt: Date;
}

/** Either a new record was inserted, or one already held (scope, key); `null` if it vanished meanwhile. */
export type InsertResult = { inserted: true; record: InProgressRecord } | { inserted: false; existing: IdempotencyRecordView | null };

/** Proof of ownership: writes succeed only while the record still holds this token. */
export interface Fence {
  id: string;
  lockToken: string;
}

/** What a fenced transaction writes to the record besides its own business writes. */
export interface RecordUpdate {
  /** The lock's new end: every committed phase extends it. */
  lockedUntil: Date;
  recoveryPoint?: string;
  phaseData?: string;
  /** Marks the record COMPLETED with this response and clears the lock. */
  response?: StoredResponse;
}

/**
 * Where idempotency records live. Correctness comes from the store's unique constraint on
 * (scope, key) and from fencing: every write after the claim checks the lock token.
 *
 * `TTx` is the transaction handle passed to business code (a Prisma transaction client for
 * `prismaStore`), so that business writes commit in the same transaction as the record.
 */
export interface IdempotencyStore<TTx = unknown> {
  /** Inserts an IN_PROGRESS record under the unique constraint, or returns the one already there. */
  insert(input: ClaimInput): Promise<InsertResult>;
  /**
   * Replaces the lock of a record whose lock expired before `now` and still holds `expectedToken`.
   * `false` when someone else got there first or the lock is still live.
   */
  takeOver(input: { id: string; expectedToken: string; lockToken: string; lockedUntil: Date; now: Date }): Promise<boolean>;
  /** Deletes a record whose TTL ended before `now`. */
  deleteExpired(input: { id: string; now: Date }): Promise<boolean>;
  /**
   * Runs `work` and `update(result)` in one transaction that commits only while `fence` holds:
   * when the record has another token, throws `LostLockError` and rolls back `work`'s writes.
   */
  fenced<T>(fence: Fence, work: (tx: TTx) => Promise<T>, update: (result: T) => RecordUpdate): Promise<T>;
  /** Deletes an IN_PROGRESS record so the key can be retried. `false` when the lock was lost. */
  release(fence: Fence): Promise<boolean>;
  /** Reads a record. */
  find(input: { scope: string; key: string }): Promise<IdempotencyRecordView | null>;
  /** Counts a replay, for operators. */
  recordReplay(input: { id: string; at: Date }): Promise<void>;
}
