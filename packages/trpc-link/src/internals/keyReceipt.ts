import type { Operation, OperationContext } from '@trpc/client';

/**
 * Where `idempotencyLink` leaves, on each attempt's context, the callback that a terminating link
 * calls once it has put the key in the request: proof that the key reached the wire. A symbol (so
 * it never collides with app context fields); `Symbol.for`, so two bundled copies agree.
 */
const RECEIPT = Symbol.for('@idem/trpc-link/key-receipt');

type Receipt = (sentKey: string) => void;

/** The context for one attempt, with a receipt that calls `onSent` when `key` is sent. */
export function withKeyReceipt(context: OperationContext, key: string, onSent: () => void): OperationContext {
  const receipt: Receipt = (sentKey) => {
    if (sentKey === key) onSent();
  };
  return { ...context, [RECEIPT]: receipt };
}

/** Called by whatever puts the key in the request (`idempotencyHeaders`): confirms it was sent. */
export function confirmKeySent(op: Pick<Operation, 'context'>, sentKey: string): void {
  const receipt = (op.context as Record<symbol, unknown>)[RECEIPT];
  if (typeof receipt === 'function') (receipt as Receipt)(sentKey);
}
