import type { ReplayEvent, RetryEvent } from './IdempotencyEvent.js';

/**
 * The fields of tRPC's operation context that `idempotencyLink` reads and writes. Pass them per
 * call: `client.x.mutate(input, { context })`, or in TanStack Query
 * `trpc.x.mutationOptions({ trpc: { context } })`.
 *
 * @example
 * const [retry, setRetry] = useState<RetryEvent | null>(null);
 * useMutation(trpc.checkout.placeOrder.mutationOptions({
 *   trpc: { context: { onRetry: setRetry } satisfies IdempotencyContext },
 *   onSettled: () => setRetry(null),
 * }));
 */
export interface IdempotencyContext {
  /**
   * This operation's key. Supply your own and it wins (the journal then leaves the operation
   * alone); otherwise the link sets it, and every attempt carries the same one.
   */
  idempotencyKey?: string;
  /** Called before each retry of this operation, after the link-wide `onRetry`. */
  onRetry?: (event: RetryEvent) => void;
  /** Called when a response to this operation is marked `Idempotent-Replayed`. */
  onReplay?: (event: ReplayEvent) => void;
  /**
   * Set by the link on what it passes down: 1 for the first attempt, 2 for the first retry. For
   * links below it (e.g. `loggerLink`); ignored if you set it.
   */
  idempotencyAttempt?: number;
}
