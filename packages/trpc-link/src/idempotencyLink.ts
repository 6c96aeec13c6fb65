import type { TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { uuidv7 } from './internals/uuidv7.js';
import { idempotencyKeyOf } from './idempotencyKeyOf.js';

export interface IdempotencyLinkOptions {
  /**
   * Makes a new key for a mutation that has none.
   * @default uuidv7 — time-ordered, so server-side index inserts stay local
   */
  generateKey?: () => string;
}

/**
 * Gives every mutation an idempotency key in `op.context.idempotencyKey`, once per logical
 * operation: place it above any retrying link so every attempt reuses the same key. A key the
 * caller supplied (`mutate(input, { context: { idempotencyKey } })`) wins. Queries and
 * subscriptions pass through untouched.
 */
export function idempotencyLink<TRouter extends AnyRouter>(opts: IdempotencyLinkOptions = {}): TRPCLink<TRouter> {
  const generateKey = opts.generateKey ?? (() => uuidv7());
  // initialized config
  return () => {
    // in app
    return ({ op, next }) => {
      // for request
      if (op.type !== 'mutation' || idempotencyKeyOf(op) !== undefined) return next(op);
      return next({ ...op, context: { ...op.context, idempotencyKey: generateKey() } });
    };
  };
}
