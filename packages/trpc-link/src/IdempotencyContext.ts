import type { AttemptEvent, ReplayEvent, RetryEvent, SettledEvent } from './IdempotencyEvent.js';

/**
 * The fields of tRPC's operation context that `idempotencyLink` reads and writes. Pass them per
 * call: `client.x.mutate(input, { context })`, or in TanStack Query
 * `trpc.x.mutationOptions({ trpc: { context } })`.
 *
 * A type, not an interface, so it is assignable to tRPC's `OperationContext`
 * (`Record<string, unknown>`). tRPC's context accepts any field, so a misspelled one would compile
 * there: build the object with `idempotencyContext({ … })` or `satisfies IdempotencyContext`.
 *
 * In React, `useIdempotentMutation` (`@idem/trpc-link/react`) hands `mutationFn` such a context
 * per call, with listeners that track the call's key, retries and outcome.
 *
 * @example
 * const [retry, setRetry] = useState<RetryEvent | null>(null);
 * useMutation(trpc.checkout.placeOrder.mutationOptions({
 *   trpc: { context: idempotencyContext({ onRetry: setRetry }) },
 *   onSettled: () => setRetry(null),
 * }));
 */
export type IdempotencyContext = {
  /**
   * This operation's key. Supply your own and it wins (the journal then leaves the operation
   * alone); otherwise the link sets it, and every attempt carries the same one.
   */
  idempotencyKey?: string;
  /**
   * Keep this operation's input in the journal with its key (as JSON), so that while its outcome
   * is unknown `link.pendingOperations()` lists it and a page can send it again after a reload.
   * Off by default: inputs may hold data you would rather not leave in storage.
   */
  resumable?: boolean;
  /**
   * JSON kept with a resumable operation's journal entry and handed back by
   * `link.pendingOperations()`: what the page needs to show it again (an order summary, say).
   * Implies `resumable`.
   */
  resumeData?: unknown;
  /** Called before each attempt of this operation (the first included), after the link-wide `onAttempt`. */
  onAttempt?: (event: AttemptEvent) => void;
  /** Called before each retry of this operation, after the link-wide `onRetry`. */
  onRetry?: (event: RetryEvent) => void;
  /** Called when a response to this operation is marked `Idempotent-Replayed`. */
  onReplay?: (event: ReplayEvent) => void;
  /**
   * Called once when this operation ends, with the key it used — on success too (to show or log
   * it) — after the link-wide `onSettled`.
   */
  onSettled?: (event: SettledEvent) => void;
  /**
   * Set by the link on what it passes down: 1 for the first attempt, 2 for the first retry. For
   * links below it (e.g. `loggerLink`); ignored if you set it.
   */
  idempotencyAttempt?: number;
};

/**
 * Returns its argument, typed: an object literal passed here is checked field by field, so a
 * misspelled field (`idempotencyKy`) does not compile, as it would in tRPC's open context.
 *
 * @example client.checkout.placeOrder.mutate(input, { context: idempotencyContext({ idempotencyKey: key }) })
 */
export function idempotencyContext(context: IdempotencyContext): IdempotencyContext {
  return context;
}
