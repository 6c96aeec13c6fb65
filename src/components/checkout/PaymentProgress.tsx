'use client';
import type { RetryEvent } from '@idem/trpc-link';
import { retryReasonLabel } from './retry-reason-label';
import { useSecondsUntil } from './use-seconds-until';

interface PaymentProgressProps {
  /** A payment is on its way. */
  active: boolean;
  /** The link's latest retry of it, if any. */
  retry: RetryEvent | null;
  /** It is a payment a reload interrupted, sent again. */
  resumed: boolean;
}

/**
 * A live region saying what the payment is doing: "Network hiccup — retrying in 2 s, attempt 2 of
 * 6". The ticking seconds are hidden from screen readers, which hear each attempt once instead of
 * a number every second. The region is always rendered so that its changes are announced.
 */
export function PaymentProgress({ active, retry, resumed }: PaymentProgressProps) {
  const seconds = useSecondsUntil(active && retry ? retry.retryAt : null);
  return (
    <div role="status" className={active ? 'payment-progress active' : 'payment-progress'} data-testid="payment-progress">
      {!active ? null : retry ? (
        <>
          <span className="spinner" aria-hidden="true" />
          <span>
            {retryReasonLabel(retry.reason)} — retrying <span aria-hidden="true">{seconds ? `in ${seconds} s` : 'now'}</span>, attempt {retry.attempt} of{' '}
            {retry.maxAttempts}
          </span>
        </>
      ) : (
        <>
          <span className="spinner" aria-hidden="true" />
          <span>{resumed ? 'Resuming the payment you started before the page reloaded…' : 'Processing your payment…'}</span>
        </>
      )}
    </div>
  );
}
