'use client';
import { useId } from 'react';
import { shopErrorOf } from '~/client/shop-error';
import { useHydrated } from '~/client/use-hydrated';
import { useCancelOrder } from './use-cancel-order';

/**
 * Gives up on an order awaiting payment: the lines go back into the cart. Disabled while a payment
 * of the order is on its way or unconfirmed (`disabled`).
 */
export function CancelOrderButton({ orderId, orderNumber, disabled }: { orderId: string; orderNumber: string; disabled: boolean }) {
  const cancel = useCancelOrder();
  const hydrated = useHydrated();
  const id = useId();
  const unknown = cancel.idempotency.status === 'unknown';
  return (
    <div className="cancel-order">
      <button
        type="button"
        className="button secondary"
        disabled={!hydrated || disabled || cancel.isPending || cancel.isSuccess}
        aria-describedby={`${id}-hint`}
        onClick={() => cancel.mutate({ orderId })}
      >
        {cancel.isPending || cancel.isSuccess ? 'Cancelling…' : unknown ? 'Try cancelling again' : 'Cancel order and return to cart'}
      </button>
      <p id={`${id}-hint`} className="hint">
        Cancels order {orderNumber}; its items go back into your cart.
      </p>
      {cancel.isError ? (
        <p role="alert" className="notice error">
          {unknown
            ? 'We could not confirm the cancellation: the connection failed. Press the button again to check — it cancels this same order, once.'
            : cancelProblem(shopErrorOf(cancel.error))}
        </p>
      ) : null}
    </div>
  );
}

function cancelProblem(error: { code: string; message: string }): string {
  return error.code === 'ORDER_NOT_CANCELLABLE' ? 'This order can no longer be cancelled: it was paid, cancelled, or is being paid right now.' : error.message;
}
