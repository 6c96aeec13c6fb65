import type { Operation } from '@trpc/client';
import type { IdempotencyEvent } from '../IdempotencyEvent.js';
import type { IdempotencyLinkOptions } from '../IdempotencyLinkOptions.js';
import { notify } from './notify.js';

/**
 * Reports one operation's events to the link's listener for its type, then the operation's own
 * (from its context), then the monitor. A listener that throws is logged and skipped.
 */
export function operationEvents(opts: IdempotencyLinkOptions, op: Pick<Operation, 'context'>): (event: IdempotencyEvent) => void {
  return (event) => {
    const { context } = op;
    const listeners = {
      attempt: [opts.onAttempt, context['onAttempt']],
      retry: [opts.onRetry, context['onRetry']],
      replay: [opts.onReplay, context['onReplay']],
      settled: [opts.onSettled, context['onSettled']],
      storage: [],
    }[event.type];
    notify([...listeners, opts.monitor?.report], event);
  };
}
