import { isCommitThenFail } from '../commitThenFail.js';
import type { IdempotencyHandle } from '../IdempotencyHandle.js';
import type { Fence, IdempotencyStore, InProgressRecord, StoredResponse } from '../store.js';
import { serializeError, serializeResult } from './storedResponse.js';

/** The recovery point of a record whose request finished. */
const FINISHED = 'finished';

interface HandleState {
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
            if (isCommitThenFail(error)) return { ok: false as const, error: error.error };
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
