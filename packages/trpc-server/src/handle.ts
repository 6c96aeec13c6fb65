import type { TRPCError } from '@trpc/server';
import { serializeError, serializeResult } from './outcome.js';
import type { Fence, IdempotencyStore, InProgressRecord, StoredResponse } from './store.js';

/**
 * `ctx.idempotency` inside an idempotent procedure: the key, and the tools to make its effects
 * happen exactly once — phases with recovery points, and the final transaction that commits the
 * last business writes together with the stored response.
 */
export interface IdempotencyHandle<TTx = unknown> {
  /** The client's key. */
  readonly key: string;
  /** The principal the key belongs to. */
  readonly scope: string;
  /** Whether this request took the key over from a crashed or stalled owner and resumes its work. */
  readonly resumed: boolean;
  /** The last phase committed before this request started, `started` if none. */
  readonly recoveryPoint: string;
  /**
   * A key for an external call made on behalf of this request (e.g. a payment provider's own
   * idempotency key): the same for every attempt of this request, different for every other request.
   */
  derivedKey(purpose: string): string;
  /**
   * Runs `work` once for this key, in a transaction that also records the phase as the recovery
   * point. A resumed request gets the stored result instead of running it again. Results must be
   * JSON values (they are stored as JSON).
   */
  phase<T>(name: string, work: (tx: TTx) => Promise<T>): Promise<T>;
  /**
   * The last step: runs `work` and stores its result as the response, in one transaction. Return
   * its result from the procedure. Errors thrown by `work` roll it back and follow the outcome
   * policy — except `commitThenFail(error)`, which commits `work`'s writes and stores `error` as the
   * response (e.g. a declined payment: the order is marked failed, the client gets a 402).
   */
  finish<T>(work: (tx: TTx) => Promise<T>): Promise<T>;
}

/** The recovery point of a record whose request finished. */
export const FINISHED = 'finished';

export interface HandleState {
  /** The response stored by `finish`, once it committed. */
  completed: StoredResponse | null;
  /** Whether the record holds committed phases (from this request or the one it took over). */
  phasesCommitted: boolean;
}

export function createHandle<TTx>(
  store: IdempotencyStore<TTx>,
  record: InProgressRecord,
  opts: {
    fence: Fence;
    resumed: boolean;
    /** The lock's end after each committed phase. */
    lockExtension: () => Date;
    /** The key's TTL end once the response is stored: at least a full TTL from now. */
    completionExpiry: () => Date;
  },
): { handle: IdempotencyHandle<TTx>; state: HandleState } {
  const phases = JSON.parse(record.phaseData) as Record<string, unknown>;
  const state: HandleState = { completed: null, phasesCommitted: Object.keys(phases).length > 0 };
  const handle: IdempotencyHandle<TTx> = {
    key: record.key,
    scope: record.scope,
    resumed: opts.resumed,
    recoveryPoint: record.recoveryPoint,
    derivedKey: (purpose) => `${record.id}:${purpose}`,
    async phase<T>(name: string, work: (tx: TTx) => Promise<T>) {
      if (Object.hasOwn(phases, name)) return phases[name] as T;
      const result = await store.fenced(opts.fence, work, (value) => ({
        lockedUntil: opts.lockExtension(),
        recoveryPoint: name,
        phaseData: JSON.stringify({ ...phases, [name]: value === undefined ? null : value }),
      }));
      phases[name] = result;
      state.phasesCommitted = true;
      return result;
    },
    async finish<T>(work: (tx: TTx) => Promise<T>) {
      if (state.completed) throw new Error('ctx.idempotency.finish() may run once per request.');
      let response: StoredResponse | null = null;
      const outcome = await store.fenced(
        opts.fence,
        async (tx) => {
          try {
            return { ok: true as const, value: await work(tx) };
          } catch (error) {
            if (error instanceof CommitThenFail) return { ok: false as const, error: error.error };
            throw error;
          }
        },
        (result) => {
          response = result.ok ? serializeResult(result.value, record.procedure) : serializeError(result.error, record.procedure);
          return { lockedUntil: opts.lockExtension(), recoveryPoint: FINISHED, response, expiresAt: opts.completionExpiry() };
        },
      );
      state.completed = response;
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
  return { handle, state };
}

/** See `commitThenFail`. */
export class CommitThenFail extends Error {
  override readonly name = 'CommitThenFail' as const;
  constructor(readonly error: TRPCError) {
    super(error.message);
  }
}

/**
 * Thrown from `ctx.idempotency.finish(work)`: commit `work`'s writes anyway, store `error` as the
 * response, and answer with it — now and on every replay.
 */
export function commitThenFail(error: TRPCError): CommitThenFail {
  return new CommitThenFail(error);
}
