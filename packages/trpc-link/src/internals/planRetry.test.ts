import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { planRetry, type RetryPlanInput } from './planRetry.js';
import { MAX_TIMER_MS } from './timerLimit.js';

const unavailable = (headers: Record<string, string> = {}) =>
  TRPCClientError.from(
    { error: { message: 'x', code: -32000, data: { httpStatus: 503 } } },
    { meta: { response: new Response(null, { status: 503, headers }) } },
  );

function input(overrides: Partial<RetryPlanInput>): RetryPlanInput {
  const op = { id: 1, type: 'mutation', path: 'buy', input: {}, context: {}, signal: null } as RetryPlanInput['op'];
  return { error: unavailable(), op, attempt: 1, now: 0, startedAt: 0, retry: true, maxAttempts: 6, deadlineMs: Number.MAX_SAFE_INTEGER, retryDelay: () => 100, maxRetryAfterMs: 30_000, earlierUnknown: false, ...overrides };
}

describe('planRetry', () => {
  it('never plans a wait longer than setTimeout honours (a longer one would fire at once)', () => {
    expect(planRetry(input({ retryDelay: () => 2 ** 40 }))).toMatchObject({ retry: true, delayMs: MAX_TIMER_MS });
    const hugeRetryAfter = input({ error: unavailable({ 'retry-after': String(2 ** 40) }), maxRetryAfterMs: Number.MAX_SAFE_INTEGER });
    expect(planRetry(hugeRetryAfter)).toMatchObject({ retry: true, delayMs: MAX_TIMER_MS, delaySource: 'retry-after' });
  });

  it('keeps the outcome unknown when stopping on a refusal after an earlier unknown attempt', () => {
    const unauthorized = TRPCClientError.from(
      { error: { message: 'x', code: -32000, data: { httpStatus: 401 } } },
      { meta: { response: new Response(null, { status: 401 }) } },
    );
    expect(planRetry(input({ error: unauthorized, earlierUnknown: false }))).toMatchObject({ retry: false, outcome: 'known' });
    expect(planRetry(input({ error: unauthorized, earlierUnknown: true }))).toMatchObject({ retry: false, stoppedBy: 'client-error', outcome: 'unknown' });
  });
});
