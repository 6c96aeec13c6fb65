import type { Operation } from '@trpc/client';

/**
 * The key `idempotencyLink` attached to an operation, if any. A blank string is no key: on the
 * wire `""` means "no key", so it is never sent as one nor confirmed as sent (the link refuses a
 * blank caller key before sending).
 */
export function idempotencyKeyOf(op: Pick<Operation, 'context'>): string | undefined {
  const key = op.context['idempotencyKey'];
  return typeof key === 'string' && key.trim() !== '' ? key : undefined;
}
