import type { Operation, TRPCClientError } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { IdempotencyErrorMeta } from '../IdempotencyErrorMeta.js';
import type { RetryPolicyOptions } from '../IdempotencyLinkOptions.js';
import { shouldRetry, type RetryReason } from '../shouldRetry.js';
import { errorFacts } from './errorFacts.js';
import { operationOutcome } from './outcomeOf.js';
import { parseRetryAfter } from './retryAfter.js';
import { timerMs } from './timerLimit.js';

export interface RetryPlanInput {
  error: TRPCClientError<AnyRouter>;
  op: Operation;
  /** The number of the attempt that just failed: 1 for the first. */
  attempt: number;
  now: number;
  /** When the operation started, on the same clock. */
  startedAt: number;
  retry: boolean | ((options: RetryPolicyOptions) => boolean);
  maxAttempts: number;
  deadlineMs: number;
  retryDelay: (retry: number, error: TRPCClientError<AnyRouter>) => number;
  maxRetryAfterMs: number;
  /** Whether an earlier attempt of this operation left its outcome unknown (see `operationOutcome`). */
  earlierUnknown: boolean;
}

export type RetryPlan =
  | { retry: true; reason: RetryReason | 'custom'; delayMs: number; delaySource: 'retry-after' | 'backoff' }
  | { retry: false; stoppedBy: IdempotencyErrorMeta['stoppedBy']; outcome: IdempotencyErrorMeta['outcome'] };

/**
 * What to do after a failed attempt: retry after how long, or stop — and, when stopping, whether
 * the outcome is known (`operationOutcome`: this answer, and whether an earlier one was unknown). Pure. In order: the policy (`shouldRetry`, or the caller's
 * `retry`), the attempt budget, the wait (`Retry-After` wins over the backoff, capped), and the
 * overall deadline.
 */
export function planRetry(input: RetryPlanInput): RetryPlan {
  const { error, attempt, now } = input;
  const decision = shouldRetry(error);
  const facts = errorFacts(error);
  // Whether the outcome is known depends on the answer only, never on why we stop: a 500 we stop
  // retrying (budget, deadline, the caller's `retry`, the server's `retryable: false`) may still
  // have committed on the server, so its key must stay in the journal.
  const outcome = operationOutcome(error, input.earlierUnknown);

  // The caller cancelled (with any reason, not only an AbortError): nothing more to do.
  if (input.op.signal?.aborted) return { retry: false, stoppedBy: 'aborted', outcome: 'unknown' };

  const wanted = typeof input.retry === 'function' ? input.retry({ error, op: input.op, attempt, decision }) : input.retry && decision.retry;
  if (!wanted) return { retry: false, stoppedBy: decision.retry ? 'declined' : decision.reason, outcome };
  const reason = decision.retry ? decision.reason : 'custom';

  if (attempt >= input.maxAttempts) return { retry: false, stoppedBy: 'max-attempts', outcome };

  const retryAfter = parseRetryAfter(facts.headers?.get('retry-after'), now);
  const delayMs = timerMs(retryAfter !== undefined ? Math.min(retryAfter, input.maxRetryAfterMs) : input.retryDelay(attempt, error));
  const delaySource = retryAfter !== undefined ? 'retry-after' : 'backoff';

  // Give up now rather than wait for a retry that would start past the deadline.
  if (now + delayMs > input.startedAt + input.deadlineMs) return { retry: false, stoppedBy: 'deadline', outcome };

  return { retry: true, reason, delayMs, delaySource };
}
