import { randomUUID } from 'node:crypto';
import { initTRPC } from '@trpc/server';
import type { IdempotencyHandle } from './IdempotencyHandle.js';
import type { IdempotencyHooks } from './IdempotencyHooks.js';
import { isRetryAttempt } from './internals/attemptHeader.js';
import { checkTimings } from './internals/checkTimings.js';
import { claimKey, inProgress, keyReused } from './internals/claimKey.js';
import { createHandle } from './internals/createHandle.js';
import { advertiseExpiry, withdrawExpiry } from './internals/expiryHeader.js';
import { fingerprintRequest } from './internals/fingerprint.js';
import { fireHook } from './internals/fireHook.js';
import { keyForOperation } from './internals/keyHeader.js';
import { queryHandle } from './internals/queryHandle.js';
import { settleOutcome } from './internals/settleOutcome.js';
import { deserialize } from './internals/storedResponse.js';
import type { CompletedRecord, IdempotencyStore } from './store.js';
import { storeDeterministicErrors, type StoreErrorPolicy } from './storeDeterministicErrors.js';

/** What the plugin needs from the app's tRPC context: the fetch adapter's `req` and `resHeaders`. */
export interface IdempotencyHttpContext {
  /** The incoming request; its `Idempotency-Key` header carries the key(s), `Idempotency-Attempt` which send this is. */
  req: { headers: { get(name: string): string | null } };
  /** The response's headers, for `Idempotent-Replayed`, `Idempotency-Expires` and `Retry-After`. */
  resHeaders: { get(name: string): string | null; set(name: string, value: string): void; delete(name: string): void };
}

export interface IdempotencyOptions<TContext extends IdempotencyHttpContext, TTx> {
  /**
   * Where records live: `prismaStore(...)` or `memoryStore()`, or a function of the context that
   * returns one (for stores built on a per-request database client).
   */
  store: IdempotencyStore<TTx> | ((ctx: TContext) => IdempotencyStore<TTx>);
  /**
   * The principal a key belongs to. Keys are scoped per principal: the same key sent by another
   * principal is an unrelated key and never sees this one's response.
   * @example (ctx) => ctx.session.id
   */
  scope: (ctx: TContext) => string;
  /**
   * How long a key is remembered; after that the same key is a new request.
   * @default 86_400_000 (24 h)
   */
  ttlMs?: number;
  /**
   * How long a request may hold its key between committed phases before a retry (or the completer)
   * may take it over. Keep it well above the longest stretch between two commits — a phase, or an
   * external call such as a payment (with its own timeout) — and above the store's transaction
   * timeout: a live request whose lock expires is taken over, and answers 409 while the taker finishes.
   * @default 30_000
   */
  lockTimeoutMs?: number;
  /**
   * Seconds advertised in `Retry-After` on 409 IDEMPOTENCY_REQUEST_IN_PROGRESS.
   * @default 1
   */
  retryAfterSeconds?: number;
  /**
   * Which errors are stored and replayed; the others leave the key retryable.
   * @default storeDeterministicErrors
   */
  storeError?: StoreErrorPolicy;
  /** Called on each protocol outcome; see `IdempotencyHooks`. */
  hooks?: IdempotencyHooks;
  /**
   * The clock, injectable for tests.
   * @default () => new Date()
   */
  now?: () => Date;
}

/**
 * A procedure builder that makes every mutation built on it idempotent. Concatenate it onto the
 * app's base procedure: `export const idempotentProcedure = publicProcedure.concat(idempotency({…}))`.
 * Mutations get `ctx.idempotency` (see `IdempotencyHandle`); queries and subscriptions pass through.
 *
 * Besides the outcome, each record stores the request's raw input (JSON), so that the completer
 * (`idempotencyCompleter`) can finish a request its client abandoned, as that client's retry would.
 */
export function idempotency<TContext extends IdempotencyHttpContext, TTx = unknown>(options: IdempotencyOptions<TContext, TTx>) {
  const { scope: scopeOf, ttlMs = 86_400_000, lockTimeoutMs = 30_000, retryAfterSeconds = 1, hooks } = options;
  const storeError = options.storeError ?? storeDeterministicErrors;
  const now = options.now ?? (() => new Date());
  const storeOf = (ctx: TContext) => {
    if (typeof options.store !== 'function') return options.store;
    const store = options.store(ctx);
    checkTimings({ ttlMs, lockTimeoutMs, transactionTimeoutMs: store.transactionTimeoutMs });
    return store;
  };
  checkTimings({ ttlMs, lockTimeoutMs, transactionTimeoutMs: typeof options.store === 'function' ? undefined : options.store.transactionTimeoutMs });
  const t = initTRPC.context<TContext>().create();
  const replay = (store: IdempotencyStore<TTx>, record: CompletedRecord, ctx: TContext) => replayRecord(store, record, ctx, hooks, now);

  return t.procedure.use(async (opts) => {
    const { type, path, batchIndex } = opts;
    const ctx = opts.ctx as TContext;
    if (type !== 'mutation') return opts.next({ ctx: { idempotency: queryHandle as IdempotencyHandle<TTx> } });

    const key = keyForOperation(ctx.req.headers.get('idempotency-key'), batchIndex);
    const store = storeOf(ctx);
    const scope = scopeOf(ctx);
    const rawInput = await opts.getRawInput();
    const { print, input } = fingerprintRequest(path, rawInput);
    const event = { scope, key, procedure: path };
    const lockToken = randomUUID();
    const retry = isRetryAttempt(ctx.req.headers.get('idempotency-attempt'));

    const claim = await claimKey(store, { scope, key, procedure: path, fingerprint: print, input, lockToken, now: now(), lockTimeoutMs, ttlMs, retry }, hooks);
    if (claim.record) advertiseExpiry(ctx.resHeaders, batchIndex, claim.record.expiresAt);
    if (claim.kind === 'mismatch') throw keyReused();
    if (claim.kind === 'conflict') refuseInProgress(ctx, retryAfterSeconds);
    if (claim.kind === 'replay') return replay(store, claim.record, ctx);

    const { record, resumed } = claim;
    const fence = { id: record.id, lockToken };
    // A completed key is remembered a full TTL from its completion: a request resumed late, past
    // its first TTL, must not be forgotten by the next duplicate.
    const completionExpiry = () => new Date(Math.max(record.expiresAt.getTime(), now().getTime() + ttlMs));
    const lockExtension = () => new Date(now().getTime() + lockTimeoutMs);
    const { handle, state } = createHandle(store, record, { fence, resumed, lockExtension, completionExpiry });
    const result = await opts.next({ ctx: { idempotency: handle } });

    const settled = await settleOutcome({ store, fence, procedure: path, result, completed: state.completed, phasesCommitted: state.phasesCommitted, storeError, completionExpiry });
    if (settled.kind === 'lost-lock') {
      fireHook(hooks, 'onLockLost', { ...event, recoveryPoint: record.recoveryPoint });
      // Whoever took the key over may have finished: answer as its duplicate would be answered.
      const current = await store.find({ scope, key });
      if (current?.status === 'COMPLETED' && current.fingerprint === print) return replay(store, current, ctx);
      refuseInProgress(ctx, retryAfterSeconds);
    }
    if (settled.kind === 'not-stored') {
      if (settled.released) withdrawExpiry(ctx.resHeaders, batchIndex);
      return settled.error ? { ok: false as const, error: settled.error, marker: undefined as never } : result;
    }
    advertiseExpiry(ctx.resHeaders, batchIndex, completionExpiry());
    fireHook(hooks, resumed ? 'onRecovered' : 'onExecuted', { ...event, status: settled.response.status, outcome: result.ok ? 'result' : 'error' });
    // Answer exactly what duplicates will be answered, byte for byte.
    const answer = deserialize(settled.response);
    if (!answer.ok) throw answer.error;
    return { ...result, ok: true as const, data: answer.data };
  });
}

/** Answers a duplicate with the record's stored response, marked `Idempotent-Replayed`. */
async function replayRecord<TTx>(store: IdempotencyStore<TTx>, record: CompletedRecord, ctx: IdempotencyHttpContext, hooks: IdempotencyHooks | undefined, now: () => Date) {
  // Only counts it: a store that writes to a database buffers the count (see `prismaStore`).
  await store.recordReplay({ id: record.id, at: now() });
  fireHook(hooks, 'onReplayed', { scope: record.scope, key: record.key, procedure: record.procedure, status: record.response.status });
  ctx.resHeaders.set('Idempotent-Replayed', 'true');
  const replayed = deserialize(record.response);
  if (!replayed.ok) throw replayed.error;
  // tRPC reads only `ok` and `data` of a middleware result; `marker` is a type-level brand.
  return { ok: true as const, data: replayed.data, marker: undefined as never };
}

/** 409 IDEMPOTENCY_REQUEST_IN_PROGRESS, with `Retry-After`: another request holds the key. */
function refuseInProgress(ctx: IdempotencyHttpContext, retryAfterSeconds: number): never {
  ctx.resHeaders.set('Retry-After', String(retryAfterSeconds));
  throw inProgress();
}
