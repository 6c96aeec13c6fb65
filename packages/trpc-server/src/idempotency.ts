import { randomUUID } from 'node:crypto';
import { initTRPC, type TRPCError } from '@trpc/server';
import { idempotencyError } from './errors.js';
import { fingerprint } from './fingerprint.js';
import { keyForOperation } from './key.js';
import { deserialize, serializeError, serializeResult, storeDeterministicErrors, type StoreErrorPolicy } from './outcome.js';
import type { IdempotencyStore } from './store.js';

/** What the plugin needs from the app's tRPC context: the fetch adapter's `req` and `resHeaders`. */
export interface IdempotencyHttpContext {
  /** The incoming request; its `Idempotency-Key` header carries the key(s). */
  req: { headers: { get(name: string): string | null } };
  /** The response's headers, for `Idempotent-Replayed` and `Retry-After`. */
  resHeaders: { set(name: string, value: string): void };
}

export interface IdempotencyOptions<TContext extends IdempotencyHttpContext> {
  /**
   * Where records live: `prismaStore(...)` or `memoryStore()`, or a function of the context that
   * returns one (for stores built on a per-request database client).
   */
  store: IdempotencyStore | ((ctx: TContext) => IdempotencyStore);
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
   * How long a request may hold its key before a retry may take it over.
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
  /**
   * The clock, injectable for tests.
   * @default () => new Date()
   */
  now?: () => Date;
}

/**
 * A procedure builder that makes every mutation built on it idempotent. Concatenate it onto the
 * app's base procedure: `export const idempotentProcedure = publicProcedure.concat(idempotency({…}))`.
 * Queries and subscriptions built on it pass through untouched.
 */
export function idempotency<TContext extends IdempotencyHttpContext>(options: IdempotencyOptions<TContext>) {
  const { scope: scopeOf, ttlMs = 86_400_000, lockTimeoutMs = 30_000, retryAfterSeconds = 1 } = options;
  const storeError = options.storeError ?? storeDeterministicErrors;
  const now = options.now ?? (() => new Date());
  const t = initTRPC.context<TContext>().create();

  return t.procedure.use(async (opts) => {
    const { ctx, type, path, batchIndex } = opts;
    if (type !== 'mutation') return opts.next();

    const key = keyForOperation(ctx.req.headers.get('idempotency-key'), batchIndex);
    const appCtx = ctx as TContext;
    const store = typeof options.store === 'function' ? options.store(appCtx) : options.store;
    const scope = scopeOf(appCtx);
    const print = fingerprint(path, await opts.getRawInput());
    const lockToken = randomUUID();
    const at = now();
    const claim = await store.claim({
      scope,
      key,
      procedure: path,
      fingerprint: print,
      lockToken,
      lockedUntil: new Date(at.getTime() + lockTimeoutMs),
      expiresAt: new Date(at.getTime() + ttlMs),
    });

    if (!claim.claimed) {
      const { existing } = claim;
      if (existing.fingerprint !== print) {
        throw idempotencyError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request.');
      }
      if (existing.status === 'IN_PROGRESS') {
        ctx.resHeaders.set('Retry-After', String(retryAfterSeconds));
        throw idempotencyError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still in progress.');
      }
      await store.recordReplay({ scope, key, at });
      ctx.resHeaders.set('Idempotent-Replayed', 'true');
      const replayed = deserialize(existing.response);
      if (!replayed.ok) throw replayed.error;
      return replayedResult(replayed.data);
    }

    const result = await opts.next();
    const fenced = { scope, key, lockToken };
    if (result.ok) {
      if (!(await store.complete({ ...fenced, response: serializeResult(result.data) }))) throw lostLock();
    } else if (storeError(result.error)) {
      if (!(await store.complete({ ...fenced, response: serializeError(result.error) }))) throw lostLock();
    } else {
      await store.release(fenced);
    }
    return result;
  });
}

/**
 * tRPC checks only `ok` and `data` of a middleware result; its `marker` is a type-level brand with
 * no runtime value to match, so a stored result can stand in for `next()`'s.
 */
function replayedResult(data: unknown) {
  return { ok: true as const, data, marker: undefined as never };
}

function lostLock(): TRPCError {
  return idempotencyError(
    'IDEMPOTENCY_REQUEST_IN_PROGRESS',
    'This request held the Idempotency-Key past its lock timeout and another request took it over.',
  );
}
