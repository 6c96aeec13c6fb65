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

/** The recovery point of a record before any phase committed. */
export const STARTED = 'started';

/** A key whose request is running, or whose owner crashed while holding the lock. */
export interface InProgressRecord extends RecordBase {
  status: 'IN_PROGRESS';
  lockToken: string;
  lockedUntil: Date;
  /** The last phase committed, `started` before any. */
  recoveryPoint: string;
  /** JSON object: each committed phase's result by phase name. */
  phaseData: string;
  /**
   * The request's raw input as JSON text, kept so the completer can finish an abandoned request
   * from it; `''` for a call without input, `null` when it was not stored.
   */
  input: string | null;
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
  /** The raw input as JSON text (see `InProgressRecord.input`). */
  input: string | null;
  lockToken: string;
  lockedUntil: Date;
  expiresAt: Date;
}

/** An abandoned request: committed phases, no final outcome, its lock expired. */
export interface AbandonedRecord extends InProgressRecord {
  /** How many times the completer tried to finish it before. */
  completionAttempts: number;
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
  /** Marks the record COMPLETED with this response and clears the lock (and any flag). */
  response?: StoredResponse;
  /**
   * A new end of the key's TTL. Completion sets it to at least a full TTL from now, so that a
   * request resumed late is still remembered after it finishes.
   */
  expiresAt?: Date;
}

/**
 * Where idempotency records live. Correctness comes from the store's unique constraint on
 * (scope, key) and from fencing: every write after the claim checks the lock token.
 *
 * `TTx` is the transaction handle passed to business code (a Prisma transaction client for
 * `prismaStore`), so that business writes commit in the same transaction as the record.
 */
export interface IdempotencyStore<TTx = unknown> {
  /** Longest a fenced transaction may run, when the store bounds it; checked against the lock timeout. */
  readonly transactionTimeoutMs?: number;
  /** Inserts an IN_PROGRESS record under the unique constraint, or returns the one already there. */
  insert(input: ClaimInput): Promise<InsertResult>;
  /**
   * One conditional write: replaces the lock (and the TTL's end, with `expiresAt`) of a record
   * that is still IN_PROGRESS, still holds `expectedToken`, and whose lock expired before `now`. Returns the record as updated (with its
   * current phases), or `null` when someone else got there first or the lock is still live.
   */
  takeOver(input: { id: string; expectedToken: string; lockToken: string; lockedUntil: Date; expiresAt: Date; now: Date }): Promise<InProgressRecord | null>;
  /**
   * Deletes a record whose TTL ended before `now` — only when it holds no unfinished work: it is
   * COMPLETED, or IN_PROGRESS with no committed phase. A record with committed phases and no
   * outcome is the completer's, whatever its age.
   */
  deleteExpired(input: { id: string; now: Date }): Promise<boolean>;
  /**
   * Runs `work` and `update(result)` in one transaction that commits only while `fence` holds:
   * when the record has another token, throws `LostLockError` and rolls back `work`'s writes.
   */
  fenced<T>(fence: Fence, work: (tx: TTx) => Promise<T>, update: (result: T) => RecordUpdate): Promise<T>;
  /**
   * Deletes an IN_PROGRESS record with no committed phase so the key can be retried. `false` when
   * the lock was lost, or a phase committed meanwhile (the record must then be resumed, not forgotten).
   */
  release(fence: Fence): Promise<boolean>;
  /** Reads a record. */
  find(input: { scope: string; key: string }): Promise<IdempotencyRecordView | null>;
  /**
   * Counts a replay, for operators. A record deleted meanwhile is not an error. The count may be
   * buffered and written later (see `flushReplays`): a replay must not wait for a write.
   */
  recordReplay(input: { id: string; at: Date }): Promise<void>;
  /** Writes the replay counts buffered so far, when the store buffers them; resolves once they are written. */
  flushReplays?(): Promise<void>;
  /**
   * Abandoned requests, oldest lock first: IN_PROGRESS, at least one committed phase, lock expired
   * before `now`, not flagged.
   */
  findAbandoned(input: { now: Date; limit: number }): Promise<AbandonedRecord[]>;
  /**
   * Counts one completion attempt on a record still IN_PROGRESS and unflagged; returns the new
   * count, or `null` when the record finished, vanished or was flagged meanwhile.
   */
  countCompletionAttempt(input: { id: string }): Promise<number | null>;
  /** Marks an IN_PROGRESS record for an operator: the completer gives up on it, the sweeper keeps it. */
  flag(input: { id: string; reason: string; at: Date }): Promise<void>;
  /**
   * Deletes up to `limit` records whose TTL ended before `now` and that hold no unfinished work
   * (see `deleteExpired`). Returns how many were deleted.
   */
  sweepExpired(input: { now: Date; limit: number }): Promise<number>;
}

/**
 * Named leases: at most one holder per name until the lease expires. Elects the one instance that
 * runs the completer and the sweeper.
 */
export interface LeaseStore {
  /**
   * One conditional write: takes the lease `name` for `holder` until `until` if it is free, expired
   * before `now`, or already `holder`'s (a renewal). `true` when `holder` holds it now.
   */
  acquire(input: { name: string; holder: string; until: Date; now: Date }): Promise<boolean>;
  /** Gives the lease up if `holder` still holds it, so another instance need not wait for expiry. */
  release(input: { name: string; holder: string }): Promise<void>;
}
