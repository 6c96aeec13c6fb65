import type { RetryEvent } from '@idem/trpc-link';

const LABELS: Record<RetryEvent['reason'], string> = {
  'network-error': 'Network hiccup',
  'in-progress': 'Your payment is still being processed',
  unavailable: 'The payment provider did not answer',
  'rate-limited': 'The shop is busy',
  'server-error': 'The shop ran into a problem',
  'server-retryable': 'Temporary problem',
  custom: 'Temporary problem',
};

/** Why the link is retrying, in a shopper's words. */
export function retryReasonLabel(reason: RetryEvent['reason']): string {
  return LABELS[reason];
}
