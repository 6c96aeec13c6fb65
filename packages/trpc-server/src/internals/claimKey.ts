import { idempotencyError } from '../IdempotencyError.js';
import type { IdempotencyHooks } from '../IdempotencyHooks.js';
import { STARTED, type CompletedRecord, type IdempotencyRecordView, type IdempotencyStore, type InProgressRecord } from '../store.js';
import { fireHook } from './fireHook.js';

export type Claim =
  | { kind: 'owned'; record: InProgressRecord; resumed: boolean }
  | { kind: 'replay'; record: CompletedRecord }
  /** 422: the key belongs to another payload. */
  | { kind: 'mismatch'; record: IdempotencyRecordView }
  /** 409: the key is held by a live request (or its record kept vanishing). */
  | { kind: 'conflict'; record: IdempotencyRecordView | null };

export interface ClaimRequest {
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  /** The raw input as JSON text, stored for the completer. */
  input: string | null;
  lockToken: string;
  now: Date;
  lockTimeoutMs: number;
  ttlMs: number;
  /**
   * The client says this is a retry (`Idempotency-Attempt` above 1): the key most likely has a
   * record already, so read it before trying to insert one.
   */
  retry?: boolean;
}

/** Enough attempts to get past a record that expires or vanishes between our insert and our read. */
const MAX_CLAIM_ATTEMPTS = 3;

/**
 * Phase 1 of the protocol: own the key, or learn why not. A first attempt inserts first (a new
 * key costs one write); a retry reads first (a replay costs one read).
 * - no record: insert one under the unique constraint → owned;
 * - a record past its TTL that holds no unfinished work: delete it and try again (the key is new).
 *   One with committed phases and no outcome is never forgotten: deleting it would let this
 *   request start the work again under a new record id — a second charge. It is resumed instead;
 * - another fingerprint: mismatch (422); a completed record: replay;
 * - in progress with a live lock: conflict (409); with an expired lock: take it over with a fresh
 *   token → owned, resumed.
 */
export async function claimKey(store: IdempotencyStore<unknown>, req: ClaimRequest, hooks: IdempotencyHooks | undefined): Promise<Claim> {
  const { scope, key, procedure, fingerprint, input, lockToken, now } = req;
  const lockedUntil = new Date(now.getTime() + req.lockTimeoutMs);
  const event = { scope, key, procedure };

  /** What an existing record means for this request; `null`: it was deleted, try to insert. */
  async function judge(existing: IdempotencyRecordView): Promise<Claim | null> {
    if (existing.expiresAt <= now && (existing.status === 'COMPLETED' || existing.recoveryPoint === STARTED)) {
      await store.deleteExpired({ id: existing.id, now });
      return null;
    }
    if (existing.fingerprint !== fingerprint) {
      fireHook(hooks, 'onMismatch', event);
      return { kind: 'mismatch', record: existing };
    }
    if (existing.status === 'COMPLETED') return { kind: 'replay', record: existing };
    // A key resumed late is remembered a full TTL from now, or the next duplicate would forget it.
    const expiresAt = new Date(Math.max(existing.expiresAt.getTime(), now.getTime() + req.ttlMs));
    const taken = existing.lockedUntil <= now ? await store.takeOver({ id: existing.id, expectedToken: existing.lockToken, lockToken, lockedUntil, expiresAt, now }) : null;
    if (taken) {
      fireHook(hooks, 'onTakeover', { ...event, recoveryPoint: taken.recoveryPoint });
      return { kind: 'owned', record: taken, resumed: true };
    }
    fireHook(hooks, 'onConflict', { ...event, recoveryPoint: existing.recoveryPoint });
    return { kind: 'conflict', record: existing };
  }

  // A retry reads first: a completed key is replayed without a failed INSERT (on PostgreSQL a
  // unique violation costs a round trip and an aborted statement). Reading owns nothing: a new key
  // is still owned only through the insert below, under the unique constraint.
  if (req.retry) {
    const existing = await store.find({ scope, key });
    const claim = existing && (await judge(existing));
    if (claim) return claim;
  }
  for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
    const inserted = await store.insert({ scope, key, procedure, fingerprint, input, lockToken, lockedUntil, expiresAt: new Date(now.getTime() + req.ttlMs) });
    if (inserted.inserted) return { kind: 'owned', record: inserted.record, resumed: false };
    // `null` existing: released by its owner between our insert and our read.
    const claim = inserted.existing && (await judge(inserted.existing));
    if (claim) return claim;
  }
  return { kind: 'conflict', record: null };
}

export function keyReused() {
  return idempotencyError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
}

export function inProgress() {
  return idempotencyError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still in progress.');
}
