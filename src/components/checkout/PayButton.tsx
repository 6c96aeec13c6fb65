'use client';
import { useHydrated } from '~/client/use-hydrated';

/**
 * The submit button; disabled while a payment is on its way, so a second press cannot start another.
 * `retry`: the last attempt's outcome is unknown, and pressing sends that same attempt again.
 */
export function PayButton({ pending, disabled, retry = false, amount }: { pending: boolean; disabled: boolean; retry?: boolean; amount: string }) {
  const hydrated = useHydrated();
  return (
    <button type="submit" className="button primary pay-button" disabled={!hydrated || pending || disabled} aria-busy={pending}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" /> Paying…
        </>
      ) : retry ? (
        `Try again — ${amount}`
      ) : (
        `Pay ${amount}`
      )}
    </button>
  );
}
