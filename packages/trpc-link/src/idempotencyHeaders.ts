import type { Operation } from '@trpc/client';
import { idempotencyKeyOf } from './internals/idempotencyKeyOf.js';
import { sfString } from './internals/keyHeader.js';
import { confirmKeySent } from './internals/keyReceipt.js';
import { traceparentFor } from './internals/traceparent.js';

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
 * With a key, two more headers, for the server's logs and traces:
 * - `Idempotency-Attempt`: which send of the key this is (1 for the first; in a batch, the highest);
 * - `traceparent` (W3C Trace Context): a trace id derived from the (first) key, so every attempt of
 *   one operation is one trace, and a new parent id per send. The ready-wired links let a
 *   `traceparent` of your own (your tracing SDK's) win.
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
  const attempts = list.map((op) => op.context['idempotencyAttempt']).filter((n): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0);
  const first = keys.find((key) => key !== undefined) as string;
  return {
    'Idempotency-Key': keys.map((key) => sfString(key ?? '')).join(', '),
    ...(attempts.length > 0 ? { 'Idempotency-Attempt': String(Math.max(...attempts)) } : {}),
    traceparent: traceparentFor(first),
  };
}
