import type { TRPCClientError } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { exponentialBackoff } from '../exponentialBackoff.js';
import type { IdempotencyLinkOptions, RetryPolicyOptions } from '../IdempotencyLinkOptions.js';
import type { JournalStorageError } from '../JournalStorageError.js';
import { timerMs } from './timerLimit.js';
import { uuidv7 } from './uuidv7.js';

/** `IdempotencyLinkOptions` with every default applied (the defaults are documented there). */
export interface LinkSettings {
  now: () => number;
  generateKey: () => string;
  /** At least 1. */
  maxAttempts: number;
  deadlineMs: number;
  maxRetryAfterMs: number;
  retry: boolean | ((options: RetryPolicyOptions) => boolean);
  retryDelay: (retry: number, error: TRPCClientError<AnyRouter>) => number;
  journalTtlMs: number;
  storageTimeoutMs: number;
  storageRecoveryMs: number;
  onStorageError: (error: JournalStorageError) => void;
  /** The current scope, read at each mutation's start; `undefined` for the unscoped journal. */
  scope: () => string | undefined;
}

export function linkSettings(opts: IdempotencyLinkOptions): LinkSettings {
  const random = opts.random ?? Math.random;
  const { retryDelay = (retry: number) => exponentialBackoff(retry, { random }) } = opts;
  return {
    now: opts.now ?? (() => Date.now()),
    generateKey: opts.generateKey ?? (() => uuidv7()),
    maxAttempts: Math.max(1, opts.maxAttempts ?? 6),
    deadlineMs: opts.deadlineMs ?? 60_000,
    maxRetryAfterMs: timerMs(opts.maxRetryAfterMs ?? 30_000),
    retry: opts.retry ?? true,
    retryDelay: typeof retryDelay === 'number' ? () => retryDelay : retryDelay,
    journalTtlMs: opts.journalTtlMs ?? 82_800_000,
    storageTimeoutMs: timerMs(opts.storageTimeoutMs ?? 2000),
    storageRecoveryMs: opts.storageRecoveryMs ?? 30_000,
    onStorageError: opts.onStorageError ?? ((error) => console.warn(error.message, error.cause)),
    scope: () => (typeof opts.scope === 'function' ? opts.scope() : opts.scope) || undefined,
  };
}
