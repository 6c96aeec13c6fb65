import type { IdempotencyEvent, RetryEvent } from './IdempotencyEvent.js';

/**
 * A subscribe-able view of the operations that are retrying, shaped for React's
 * `useSyncExternalStore`. Pass it to `idempotencyLink({ monitor })`.
 */
export interface IdempotencyMonitor {
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * The latest retry of every operation that has retried and not settled yet, oldest first.
   * Immutable: a new array after each change, the same array otherwise. Empty on the server.
   */
  getSnapshot(): readonly RetryEvent[];
  /** Receives the link's events. Called by `idempotencyLink`; call it yourself to test a UI. */
  report(event: IdempotencyEvent): void;
}

/**
 * Creates an `IdempotencyMonitor`.
 *
 * @example
 * const monitor = createIdempotencyMonitor();
 * const links = [idempotencyLink({ monitor }), httpBatchLink({ url, headers: ({ opList }) => idempotencyHeaders(opList) })];
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

  const publish = (next: readonly RetryEvent[]) => {
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    report(event) {
      if (event.type === 'retry') {
        const index = snapshot.findIndex((retry) => retry.key === event.key);
        publish(index === -1 ? [...snapshot, event] : snapshot.map((retry, i) => (i === index ? event : retry)));
      } else if (event.type === 'settled' && snapshot.some((retry) => retry.key === event.key)) {
        publish(snapshot.filter((retry) => retry.key !== event.key));
      }
    },
  };
}
