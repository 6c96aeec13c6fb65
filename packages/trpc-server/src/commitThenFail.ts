import type { TRPCError } from '@trpc/server';

/** Thrown by `commitThenFail`; caught by `ctx.idempotency.finish`. */
export class CommitThenFail extends Error {
  override readonly name = 'CommitThenFail' as const;
  constructor(readonly error: TRPCError) {
    super(error.message);
  }
}

/**
 * Thrown from `ctx.idempotency.finish(work)`: commit `work`'s writes anyway, store `error` as the
 * response, and answer with it — now and on every replay.
 */
export function commitThenFail(error: TRPCError): CommitThenFail {
  return new CommitThenFail(error);
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isCommitThenFail(value: unknown): value is CommitThenFail {
  return value instanceof Error && value.name === 'CommitThenFail';
}
