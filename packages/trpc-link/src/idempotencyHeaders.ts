import type { Operation } from '@trpc/client';
import { sfString } from './internals/keyHeader.js';
import { idempotencyKeyOf } from './idempotencyKeyOf.js';

/**
 * The `Idempotency-Key` header for one operation (`httpLink`) or a batch (`httpBatchLink`).
 * Pass it as the terminating link's `headers` option.
 *
 * A batch shares one set of headers, so a batch sends a structured-field List with one String per
 * operation in batch order; an operation without a key contributes `""`. A single operation sends
 * one String. No key in the batch: no header.
 *
 * @example httpBatchLink({ url, headers: ({ opList }) => idempotencyHeaders(opList) })
 * @example httpLink({ url, headers: ({ op }) => idempotencyHeaders(op) })
 */
export function idempotencyHeaders(ops: Operation | readonly Operation[]): Record<string, string> {
  const list = Array.isArray(ops) ? (ops as readonly Operation[]) : [ops as Operation];
  const keys = list.map(idempotencyKeyOf);
  if (keys.every((key) => key === undefined)) return {};
  return { 'Idempotency-Key': keys.map((key) => sfString(key ?? '')).join(', ') };
}
