import type { Operation, TRPCClientError } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { IdempotencyMonitor } from './createIdempotencyMonitor.js';
import type { AttemptEvent, ReplayEvent, RetryEvent, SettledEvent } from './IdempotencyEvent.js';
import type { JournalStorage } from './JournalStorage.js';
import type { JournalStorageError } from './JournalStorageError.js';
import type { RetryDecision } from './shouldRetry.js';

/** What a custom `retry` function is told about a failed attempt. */
export interface RetryPolicyOptions {
  /** The failed attempt's error. */
  error: TRPCClientError<AnyRouter>;
  /** The operation, with its key in `op.context.idempotencyKey`. */
  op: Operation;
  /** The number of the attempt that failed: 1 for the first. */
  attempt: number;
  /** What the default policy, `shouldRetry`, decided. */
  decision: RetryDecision;
}

export interface IdempotencyLinkOptions {
  /**
   * Makes a new key for a mutation that has none.
   * @default a UUIDv7 — time-ordered, so server-side index inserts stay local
   */
  generateKey?: () => string;

  /**
   * Where the journal of pending operations lives, so that a reload in the middle of a request
   * re-issues the same mutation with the same key. Sync or async; see `JournalStorage`.
   * @default webStorage() where `localStorage` exists (browsers), memoryStorage() elsewhere
   * @example indexedDBStorage()
   */
  storage?: JournalStorage;
  /**
   * How long a pending key stays reusable. Keep it below the server's key TTL, or a late
   * re-issue would carry a key the server has forgotten and run again.
   * @default 82_800_000 (23 h; the server keeps keys 24 h)
   */
  journalTtlMs?: number;
  /**
   * Whose pending keys these are: the signed-in user's id, say. Part of every journal item's name
   * (hashed), so on a client shared by several users — a kiosk after logout, a server-side
   * client — one user's pending mutation never hands its key to another's identical one. A
   * function is read at each mutation's start; `undefined` or `''` is the unscoped journal.
   * @default undefined
   * @example scope: () => session.current?.userId
   */
  scope?: string | (() => string | null | undefined);
  /**
   * Told each time storage fails and the journal moves to memory (also reported to the
   * `monitor`). The mutation goes on — unless the journal can tell neither from memory nor from
   * the storage whether a key is pending for it: then it is refused with this error as its
   * `cause`. The storage is tried again after `storageRecoveryMs`.
   * @default (error) => console.warn(error.message, error.cause)
   */
  onStorageError?: (error: JournalStorageError) => void;
  /**
   * A storage call slower than this counts as failed (a blocked IndexedDB never answers), and
   * the journal moves to memory. It bounds each storage call a mutation waits on before its send.
   * Capped at 2^31 - 1 ms (the longest timer `setTimeout` honours).
   * @default 2000
   */
  storageTimeoutMs?: number;
  /**
   * How long after a storage failure the link tries the storage again (in the background, on the
   * next journal call). When it answers, the keys kept in memory meanwhile are written back to it.
   * @default 30_000
   */
  storageRecoveryMs?: number;

  /**
   * The retry policy. `true`: `shouldRetry` decides. `false`: never retry. A function: your
   * decision, given the default one in `decision` (to extend it rather than replace it).
   * @default true
   * @example ({ decision, error }) => decision.retry || error.data?.code === 'MY_TRANSIENT_CODE'
   */
  retry?: boolean | ((options: RetryPolicyOptions) => boolean);
  /**
   * The most attempts per operation, the first included.
   * @default 6
   */
  maxAttempts?: number;
  /**
   * Overall time budget per operation, from the first send: no retry starts after it.
   * An attempt in flight is not cut short (give `fetch` its own timeout for that).
   * @default 60_000
   */
  deadlineMs?: number;
  /**
   * The wait before retry number `retry` (1 for the first) when the server sent no `Retry-After`.
   * A number: a fixed delay.
   * @default exponentialBackoff — uniform in [250 ms, min(5 s, 500 ms · 2^(retry − 1))]: full jitter on every retry, the first included
   */
  retryDelay?: number | ((retry: number, error: TRPCClientError<AnyRouter>) => number);
  /**
   * The longest `Retry-After` honoured; a longer one is shortened to this (the deadline still
   * applies). Capped at 2^31 - 1 ms, as is every retry delay (the longest timer `setTimeout` honours).
   * @default 30_000
   */
  maxRetryAfterMs?: number;

  /**
   * Called before every attempt, the first included, with its key and whether the key came from
   * the journal (`resumed`).
   * @default undefined
   */
  onAttempt?: (event: AttemptEvent) => void;
  /**
   * Called before every retry, with everything a UI needs ("retrying in 2 s, attempt 3 of 6").
   * @default undefined
   */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Called when a response is marked `Idempotent-Replayed: true`.
   * @default undefined
   */
  onReplay?: (event: ReplayEvent) => void;
  /**
   * Called once when each mutation ends — success, error or cancelled — with its key.
   * @default undefined
   */
  onSettled?: (event: SettledEvent) => void;
  /**
   * Receives every event, for UIs that subscribe (`useSyncExternalStore`).
   * @default undefined
   * @example const monitor = createIdempotencyMonitor(); idempotencyLink({ monitor })
   */
  monitor?: IdempotencyMonitor;

  /**
   * The clock, in milliseconds: deadlines, `Retry-After` dates, journal expiry, `retryAt`.
   * @default () => Date.now()
   */
  now?: () => number;
  /**
   * Randomness in [0, 1) for the backoff's jitter.
   * @default Math.random
   */
  random?: () => number;
}
