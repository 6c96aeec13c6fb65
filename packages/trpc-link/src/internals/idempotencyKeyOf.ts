import type { Operation } from '@trpc/client';

/** The key `idempotencyLink` attached to an operation, if any. */
export function idempotencyKeyOf(op: Pick<Operation, 'context'>): string | undefined {
  const key = op.context['idempotencyKey'];
  return typeof key === 'string' ? key : undefined;
}
