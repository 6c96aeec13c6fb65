'use client';
import { useHydrated } from '~/client/use-hydrated';

/** The submit button; disabled while a payment is on its way, so a second press cannot start another. */
export function PayButton({ pending, disabled, amount }: { pending: boolean; disabled: boolean; amount: string }) {
  const hydrated = useHydrated();
  return (
    <button type="submit" className="button primary pay-button" disabled={!hydrated || pending || disabled} aria-busy={pending}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" /> Paying…
        </>
      ) : (
        `Pay ${amount}`
      )}
    </button>
  );
}
