import { randomUUID } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import { claimKey, inProgress, keyReused } from './claim.js';
import { markNotStored } from './errorData.js';
import { isLostLockError, isUnserializableResultError } from './errors.js';
import { fingerprint } from './fingerprint.js';
import { createHandle, type IdempotencyHandle } from './handle.js';
import { fire, type IdempotencyHooks } from './hooks.js';
import { keyForOperation } from './key.js';
import { deserialize, serializeError, serializeResult, storeDeterministicErrors, type StoreErrorPolicy } from './outcome.js';
import { advertiseExpiry, withdrawExpiry } from './responseHeaders.js';
import type { CompletedRecord, IdempotencyStore, StoredResponse } from './store.js';

/** `ctx.idempotency` outside mutations: there is no key to work with. */
const queryHandle: IdempotencyHandle<never> = new Proxy({} as IdempotencyHandle<never>, {
  get() {
    throw new Error('ctx.idempotency exists only in mutations.');
  },
});

/** What the plugin needs from the app's tRPC context: the fetch adapter's `req` and `resHeaders`. */
export interface IdempotencyHttpContext {
  /** The incoming request; its `Idempotency-Key` header carries the key(s). */
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

  async function replay(store: IdempotencyStore<TTx>, record: CompletedRecord, ctx: TContext) {
    await store.recordReplay({ id: record.id, at: now() });
    fire(hooks, 'onReplayed', { scope: record.scope, key: record.key, procedure: record.procedure, status: record.response.status });
    ctx.resHeaders.set('Idempotent-Replayed', 'true');
    const replayed = deserialize(record.response);
    if (!replayed.ok) throw replayed.error;
    // tRPC reads only `ok` and `data` of a middleware result; `marker` is a type-level brand.
    return { ok: true as const, data: replayed.data, marker: undefined as never };
  }

  return t.procedure.use(async (opts) => {
    const { type, path, batchIndex } = opts;
    const ctx = opts.ctx as TContext;
    if (type !== 'mutation') return opts.next({ ctx: { idempotency: queryHandle as IdempotencyHandle<TTx> } });

    const key = keyForOperation(ctx.req.headers.get('idempotency-key'), batchIndex);
    const store = storeOf(ctx);
    const scope = scopeOf(ctx);
    const rawInput = await opts.getRawInput();
    const { print, input } = fingerprintAndStore(path, rawInput);
    const event = { scope, key, procedure: path };
    const lockToken = randomUUID();

    const claim = await claimKey(store, { scope, key, procedure: path, fingerprint: print, input, lockToken, now: now(), lockTimeoutMs, ttlMs }, hooks);
    if (claim.record) advertiseExpiry(ctx.resHeaders, batchIndex, claim.record.expiresAt);
    if (claim.kind === 'mismatch') throw keyReused();
    if (claim.kind === 'conflict') {
      ctx.resHeaders.set('Retry-After', String(retryAfterSeconds));
      throw inProgress();
    }
    if (claim.kind === 'replay') return replay(store, claim.record, ctx);

    const { record, resumed } = claim;
    const fence = { id: record.id, lockToken };
    // A completed key is remembered a full TTL from its completion: a request resumed late, past
    // its first TTL, must not be forgotten by the next duplicate.
    const completionExpiry = () => new Date(Math.max(record.expiresAt.getTime(), now().getTime() + ttlMs));
    const lockExtension = () => new Date(now().getTime() + lockTimeoutMs);
    const { handle, state } = createHandle(store, record, { fence, resumed, lockExtension, completionExpiry });
    const completeWith = (response: StoredResponse) => store.fenced(fence, async () => response, () => ({ lockedUntil: new Date(0), response, expiresAt: completionExpiry() }));
    const result = await opts.next({ ctx: { idempotency: handle } });

    let stored: StoredResponse | null = state.completed;
    let failure = result.ok ? null : result.error;
    try {
      if (!stored && result.ok) stored = await completeWith(serializeResult(result.data, path));
      if (failure && isLostLockError(failure.cause)) throw failure.cause;
      if (!stored && failure && storeError(failure)) stored = await completeWith(serializeError(failure, path));
    } catch (error) {
      if (isUnserializableResultError(error)) {
        // A bug, not a transient failure: say so now, and free the key rather than hold it.
        console.error(`@idem/trpc-server: ${error.message}`, error.cause);
        failure = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: error.message, cause: error });
      } else if (isLostLockError(error)) {
        fire(hooks, 'onLockLost', { ...event, recoveryPoint: record.recoveryPoint });
        // Whoever took the key over may have finished: answer as its duplicate would be answered.
        const current = await store.find({ scope, key });
        if (current?.status === 'COMPLETED' && current.fingerprint === print) return replay(store, current, ctx);
        ctx.resHeaders.set('Retry-After', String(retryAfterSeconds));
        throw inProgress();
      } else {
        throw error;
      }
    }
    if (!stored) {
      // Nothing stored: the outcome is unknown to the client, which must retry with the same key.
      // Before any phase committed, forget the key so a retry starts afresh; after one, keep the
      // phases and expire the lock, so a retry — or the completer — resumes from the recovery point.
      if (failure) markNotStored(failure);
      if (state.phasesCommitted || !(await store.release(fence))) {
        await store.fenced(fence, async () => null, () => ({ lockedUntil: new Date(0) })).catch(reportUnexpected);
      } else {
        withdrawExpiry(ctx.resHeaders, batchIndex);
      }
      if (failure) return { ok: false as const, error: failure, marker: undefined as never };
      return result;
    }
    advertiseExpiry(ctx.resHeaders, batchIndex, completionExpiry());
    const outcome = { ...event, status: stored.status, outcome: result.ok ? ('result' as const) : ('error' as const) };
    fire(hooks, resumed ? 'onRecovered' : 'onExecuted', outcome);
    // Answer exactly what duplicates will be answered, byte for byte.
    const answer = deserialize(stored);
    if (!answer.ok) throw answer.error;
    return { ...result, ok: true as const, data: answer.data };
  });
}

/**
 * The request's fingerprint, and its input as stored for the completer (the empty string records
 * a call without input). Both walk the raw input before any validation: one that nests deeper
 * than the stack allows is the client's mistake, a 400, not a 500.
 */
function fingerprintAndStore(path: string, rawInput: unknown): { print: string; input: string } {
  try {
    return { print: fingerprint(path, rawInput), input: rawInput === undefined ? '' : JSON.stringify(rawInput) };
  } catch (error) {
    if (error instanceof RangeError) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The input nests too deeply.', cause: error });
    throw error;
  }
}

/** Losing the lock while expiring it is expected (a retry took over); anything else is logged, and the original failure answered. */
function reportUnexpected(error: unknown): void {
  if (!isLostLockError(error)) console.error('@idem/trpc-server: could not expire the lock of an unfinished request', error);
}

/** Refuses settings under which a live request could lose its key to a retry, or a key outlive nothing. */
function checkTimings({ ttlMs, lockTimeoutMs, transactionTimeoutMs }: { ttlMs: number; lockTimeoutMs: number; transactionTimeoutMs: number | undefined }): void {
  const problems: string[] = [];
  if (!(ttlMs > lockTimeoutMs)) problems.push(`ttlMs (${ttlMs}) must be greater than lockTimeoutMs (${lockTimeoutMs})`);
  if (transactionTimeoutMs !== undefined && !(lockTimeoutMs > transactionTimeoutMs)) {
    problems.push(`lockTimeoutMs (${lockTimeoutMs}) must be greater than the store's transaction timeout (${transactionTimeoutMs})`);
  }
  if (problems.length > 0) throw new Error(`@idem/trpc-server: invalid timings: ${problems.join('; ')}.`);
}
