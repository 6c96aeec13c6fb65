import type { IdempotencyEvent, JournalStorageEvent, RetryEvent } from './IdempotencyEvent.js';

/**
 * Where the journal keeps pending keys: `persistent` (the configured storage; a reload keeps them)
 * or `memory` (storage failed; a reload loses them until it recovers). The last storage event, or
 * `{ mode: 'persistent' }` before any.
 */
export type JournalStorageState = Pick<JournalStorageEvent, 'mode' | 'error' | 'retryAt'> & { at?: number };

/**
 * A subscribe-able view of the operations that are retrying, and of the journal's storage, shaped
 * for React's `useSyncExternalStore`. Pass it to `idempotencyLink({ monitor })`.
 */
export interface IdempotencyMonitor {
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * The latest retry of every operation that has retried and not settled yet, oldest first.
   * Immutable: a new array after each change, the same array otherwise. Empty on the server.
   */
  getSnapshot(): readonly RetryEvent[];
  /**
   * Whether pending keys are persisted right now. The same object until it changes.
   * @example const { mode } = useSyncExternalStore(monitor.subscribe, monitor.getStorageState, monitor.getStorageState)
   */
  getStorageState(): JournalStorageState;
  /** Receives the link's events. Called by `idempotencyLink`; call it yourself to test a UI. */
  report(event: IdempotencyEvent): void;
}

const PERSISTENT: JournalStorageState = Object.freeze({ mode: 'persistent' });

/**
 * Creates an `IdempotencyMonitor`.
 *
 * @example
 * const monitor = createIdempotencyMonitor();
 * const links = [idempotencyLink({ monitor }), idempotentHttpBatchLink({ url })];
 *
 * function RetryNotice() {
 *   const retrying = useSyncExternalStore(monitor.subscribe, monitor.getSnapshot, monitor.getSnapshot);
 *   const next = retrying[0];
 *   if (!next) return null;
 *   return <p>Retrying in {Math.ceil(next.delayMs / 1000)} s (attempt {next.attempt} of {next.maxAttempts})</p>;
 * }
 */
export function createIdempotencyMonitor(): IdempotencyMonitor {
  const listeners = new Set<() => void>();
  let snapshot: readonly RetryEvent[] = [];
  let storageState = PERSISTENT;

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const publish = (next: readonly RetryEvent[]) => {
    snapshot = next;
    notify();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    getStorageState: () => storageState,
    report(event) {
      if (event.type === 'retry') {
        const index = snapshot.findIndex((retry) => retry.key === event.key);
        publish(index === -1 ? [...snapshot, event] : snapshot.map((retry, i) => (i === index ? event : retry)));
      } else if (event.type === 'settled' && snapshot.some((retry) => retry.key === event.key)) {
        publish(snapshot.filter((retry) => retry.key !== event.key));
      } else if (event.type === 'storage') {
        const { mode, error, retryAt, at } = event;
        storageState = Object.freeze(mode === 'memory' ? { mode, error, retryAt, at } : { mode, at });
        notify();
      }
    },
  };
}
