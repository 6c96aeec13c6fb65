import type { IdempotencyHandle } from '../IdempotencyHandle.js';

function onlyInMutations(): never {
  throw new Error('ctx.idempotency exists only in mutations: queries and subscriptions have no Idempotency-Key.');
}

/**
 * `ctx.idempotency` in queries and subscriptions. The context type is shared by every procedure
 * built on the middleware, so it is present; using it is a programming error, reported loudly.
 */
export const queryHandle: IdempotencyHandle<never> = {
  get key() {
    return onlyInMutations();
  },
  get scope() {
    return onlyInMutations();
  },
  get resumed() {
    return onlyInMutations();
  },
  get recoveryPoint() {
    return onlyInMutations();
  },
  derivedKey: onlyInMutations,
  phase: onlyInMutations,
  finish: onlyInMutations,
};
