/** What every hook receives: enough to log and count without reading the store. */
export interface IdempotencyEvent {
  scope: string;
  key: string;
  procedure: string;
  /** The record's last committed phase, where relevant. */
  recoveryPoint?: string;
}

/**
 * Called on each outcome of the idempotency protocol; the basis for logs and metrics. A hook that
 * throws is reported with `console.error` and never changes the response.
 */
export interface IdempotencyHooks {
  /** The request owned the key and its procedure ran to an outcome that is now stored. */
  onExecuted?(event: IdempotencyEvent & { outcome: 'result' | 'error'; status: number }): void;
  /** A duplicate was answered with the stored response. */
  onReplayed?(event: IdempotencyEvent & { status: number }): void;
  /** A duplicate arrived while the key was held: 409. */
  onConflict?(event: IdempotencyEvent): void;
  /** The key came with another payload: 422. */
  onMismatch?(event: IdempotencyEvent): void;
  /** The key's lock had expired (its owner crashed or stalled) and this request took it over. */
  onTakeover?(event: IdempotencyEvent): void;
  /** A taken-over request finished the work from its recovery point. */
  onRecovered?(event: IdempotencyEvent & { status: number }): void;
  /** A request lost its lock to a takeover; its uncommitted work was rolled back. */
  onLockLost?(event: IdempotencyEvent): void;
}
