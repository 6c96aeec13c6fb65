import type { TRPCClientError } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { JournalStorageError } from './JournalStorageError.js';
import type { RetryReason } from './shouldRetry.js';

/**
 * The link is about to wait `delayMs` and then retry. Everything a UI needs for
 * "retrying in 2 s (attempt 3 of 6)".
 */
export interface RetryEvent {
  type: 'retry';
  /** The operation's idempotency key: the same for every attempt. */
  key: string;
  /** The procedure, e.g. `checkout.placeOrder`. */
  path: string;
  /** The attempt that runs after the wait: 2 for the first retry. */
  attempt: number;
  /** The most attempts this operation will make. */
  maxAttempts: number;
  /** How long the link waits before that attempt. */
  delayMs: number;
  /** When the attempt starts, on the link's clock (`Date.now()` by default). For countdowns. */
  retryAt: number;
  /** Why the failed attempt is worth repeating. */
  reason: RetryReason | 'custom';
  /** Where `delayMs` came from: the server's `Retry-After`, or the backoff. */
  delaySource: 'retry-after' | 'backoff';
  /** The failed attempt's error. */
  error: TRPCClientError<AnyRouter>;
}

/**
 * An attempt is about to be sent: the first one, or a retry after its wait. Tells a UI the key as
 * soon as it is chosen, and whether it came from the journal.
 */
export interface AttemptEvent {
  type: 'attempt';
  key: string;
  path: string;
  /** 1 for the first attempt, 2 for the first retry. */
  attempt: number;
  /** The most attempts this operation will make. */
  maxAttempts: number;
  /**
   * The key was pending in the journal: this operation re-issues one whose outcome was unknown (a
   * "try again", or a reload mid-request), and the server will resume or replay it.
   */
  resumed: boolean;
}

/** A response carried `Idempotent-Replayed: true`: the server answered from its stored outcome. */
export interface ReplayEvent {
  type: 'replay';
  key: string;
  path: string;
  /** The attempt that got the replay. */
  attempt: number;
  /**
   * The response carried several operations (httpBatchLink). Response headers are shared by a
   * batch, so at least one of them was replayed — not necessarily this one.
   */
  batched: boolean;
}

/** The operation ended; no more events follow for this key. */
export interface SettledEvent {
  type: 'settled';
  key: string;
  path: string;
  /** Attempts made. */
  attempts: number;
  /**
   * `success`; `error` — a final error, or retries exhausted; `cancelled` — aborted or
   * unsubscribed.
   */
  outcome: 'success' | 'error' | 'cancelled';
  /**
   * Whether the server answered from a stored outcome (`Idempotent-Replayed: true`) on the
   * attempt that ended the operation.
   */
  replayed: boolean;
}

/**
 * The journal's storage failed and pending keys moved to memory (`memory`: a reload now loses
 * them), or it answered again and they moved back (`persistent`).
 */
export interface JournalStorageEvent {
  type: 'storage';
  mode: 'persistent' | 'memory';
  /** Why the storage was given up; only with `mode: 'memory'`. */
  error?: JournalStorageError;
  /** When it happened, on the link's clock. */
  at: number;
  /** With `mode: 'memory'`: when the storage will be tried again, on the link's clock. */
  retryAt?: number;
}

/** Everything the link reports, as delivered to an `IdempotencyMonitor`. */
export type IdempotencyEvent = AttemptEvent | RetryEvent | ReplayEvent | SettledEvent | JournalStorageEvent;
