import type { Operation } from '@trpc/client';
import { idempotencyKeyOf } from './internals/idempotencyKeyOf.js';
import { sfString } from './internals/keyHeader.js';
import { confirmKeySent } from './internals/keyReceipt.js';

/**
 * The `Idempotency-Key` header for one operation (`httpLink`) or a batch (`httpBatchLink`). The
 * ready-wired `idempotentHttpLink` / `idempotentHttpBatchLink` use it; call it yourself only when
 * wiring tRPC's links by hand, as their `headers` option.
 *
 * It also tells `idempotencyLink` that each key is on its way: the link retries only a mutation
 * whose key was sent this way, so a terminating link without it fails closed.
 *
 * A batch shares one set of headers, so a batch sends a structured-field List with one String per
 * operation in batch order; an operation without a key contributes `""`. A single operation sends
 * one String. No key in the batch: no header.
 *
 * @example httpBatchLink({ url, headers: ({ opList }) => idempotencyHeaders(opList) })
 * @example httpLink({ url, headers: ({ op }) => ({ authorization, ...idempotencyHeaders(op) }) })
 */
export function idempotencyHeaders(ops: Operation | readonly Operation[]): Record<string, string> {
  const list = Array.isArray(ops) ? (ops as readonly Operation[]) : [ops as Operation];
  const keys = list.map(idempotencyKeyOf);
  if (keys.every((key) => key === undefined)) return {};
  list.forEach((op, i) => {
    const key = keys[i];
    if (key !== undefined) confirmKeySent(op, key);
  });
  return { 'Idempotency-Key': keys.map((key) => sfString(key ?? '')).join(', ') };
}
