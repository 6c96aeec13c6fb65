import { TRPCError } from '@trpc/server';
import { isLostLockError } from '../LostLockError.js';
import type { StoreErrorPolicy } from '../storeDeterministicErrors.js';
import type { Fence, IdempotencyStore, StoredResponse } from '../store.js';
import { isUnserializableResultError } from '../UnserializableResultError.js';
import { markNotStored } from './notStored.js';
import { serializeError, serializeResult } from './storedResponse.js';

/** How a request's outcome ended up, for its key. */
export type Settled =
  /** Stored: this is what the request and every duplicate answer. */
  | { kind: 'stored'; response: StoredResponse }
  /** Another request took the key over while this one ran: nothing of this one committed after that. */
  | { kind: 'lost-lock' }
  /** Not stored: the key is resumable (or `released`, when no phase had committed). */
  | { kind: 'not-stored'; error: TRPCError | null; released: boolean };

export interface SettleInput<TTx> {
  store: IdempotencyStore<TTx>;
  fence: Fence;
  procedure: string;
  /** What the procedure answered. */
  result: { ok: true; data: unknown } | { ok: false; error: TRPCError };
  /** The response `finish()` already stored, if it ran. */
  completed: StoredResponse | null;
  phasesCommitted: boolean;
  storeError: StoreErrorPolicy;
  /** The key's TTL end once its response is stored. */
  completionExpiry: () => Date;
}

/**
 * After the procedure ran: store its outcome under the fence, or leave the key resumable.
 *
 * A failure that is not stored is an unknown outcome for the client. Before any phase committed the
 * key is released, so a retry starts afresh; after one, the phases are kept and the lock expired,
 * so a retry — or the completer — resumes from the recovery point at once.
 */
export async function settleOutcome<TTx>(input: SettleInput<TTx>): Promise<Settled> {
  const { store, fence, procedure, result, completed } = input;
  const completeWith = async (response: StoredResponse): Promise<Settled> => {
    await store.fenced(fence, async () => response, () => ({ lockedUntil: new Date(0), response, expiresAt: input.completionExpiry() }));
    return { kind: 'stored', response };
  };
  let failure = result.ok ? null : result.error;
  try {
    if (completed) return { kind: 'stored', response: completed };
    if (failure && isLostLockError(failure.cause)) return { kind: 'lost-lock' };
    if (!failure) return await completeWith(serializeResult(result.ok ? result.data : undefined, procedure));
    if (input.storeError(failure)) return await completeWith(serializeError(failure, procedure));
  } catch (error) {
    if (isLostLockError(error)) return { kind: 'lost-lock' };
    if (!isUnserializableResultError(error)) throw error;
    // A bug, not a transient failure: say so now, and free the key rather than hold it.
    console.error(`@idem/trpc-server: ${error.message}`, error.cause);
    failure = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: error.message, cause: error });
  }
  const released = !input.phasesCommitted && (await store.release(fence));
  // A failure after the lock was taken over (the work ran on, then failed against what the taker
  // committed) is no outcome of this request's: it answers as a duplicate would, like any lost lock.
  if (!released && (await expireLock(store, fence)) === 'lost') return { kind: 'lost-lock' };
  if (failure) markNotStored(failure);
  return { kind: 'not-stored', error: failure, released };
}

/**
 * Expires the lock so that a retry (or the completer) resumes at once. `lost` when another request
 * holds the key now; any other failure is logged, and the original failure answered.
 */
async function expireLock<TTx>(store: IdempotencyStore<TTx>, fence: Fence): Promise<'expired' | 'lost' | 'failed'> {
  try {
    await store.fenced(fence, async () => null, () => ({ lockedUntil: new Date(0) }));
    return 'expired';
  } catch (error) {
    if (isLostLockError(error)) return 'lost';
    console.error('@idem/trpc-server: could not expire the lock of an unfinished request', error);
    return 'failed';
  }
}
