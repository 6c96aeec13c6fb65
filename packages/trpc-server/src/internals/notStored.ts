import type { TRPCError } from '@trpc/server';

/** Failures the middleware did not store for their key: the key stays resumable. */
const notStored = new WeakSet<TRPCError>();

/** Marks a failure as not stored for its key (see `idempotencyErrorData`). */
export function markNotStored(error: TRPCError): void {
  notStored.add(error);
}

export function wasNotStored(error: TRPCError): boolean {
  return notStored.has(error);
}
