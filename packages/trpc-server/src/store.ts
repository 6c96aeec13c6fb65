/** What was answered the first time, kept to answer every duplicate identically. */
export interface StoredResponse {
  /** The HTTP status of the first execution (200 for a result, the error's status otherwise). */
  status: number;
  /** The JSON text of the outcome: `{"result":…}` or `{"error":{code,message}}`. */
  body: string;
}

interface RecordBase {
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  expiresAt: Date;
}

/** A key whose first request is still running (or crashed while holding the lock). */
export interface InProgressRecord extends RecordBase {
  status: 'IN_PROGRESS';
  lockedUntil: Date;
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

/** Either this request now owns the key, or someone already did and this is their record. */
export type ClaimResult = { claimed: true } | { claimed: false; existing: IdempotencyRecordView };

export interface FencedInput {
  scope: string;
  key: string;
  /** The token written by the claim; a write is refused when the record holds another one. */
  lockToken: string;
}

/**
 * Where idempotency records live. Correctness comes from the store's unique constraint on
 * (scope, key): `claim` must be atomic, and every fenced write must check the lock token.
 */
export interface IdempotencyStore {
  /** Inserts an IN_PROGRESS record, or returns the one already there. */
  claim(input: ClaimInput): Promise<ClaimResult>;
  /** Stores the outcome and marks the record COMPLETED. `false` when the lock was lost. */
  complete(input: FencedInput & { response: StoredResponse }): Promise<boolean>;
  /** Deletes an IN_PROGRESS record so the key can be retried. `false` when the lock was lost. */
  release(input: FencedInput): Promise<boolean>;
  /** Counts a replay, for operators. Best effort. */
  recordReplay(input: { scope: string; key: string; at: Date }): Promise<void>;
}
