'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IdempotencyContext, RetryEvent } from '@idem/trpc-link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { shopErrorOf } from '~/client/shop-error';
import { staleCartOf } from '~/client/stale-cart';
import { useTRPC, useTRPCClient } from '~/client/trpc';
import { sameInput, type PaymentAttempt } from './payment-attempt';
import { clearPendingPayment, readPendingPayment, savePendingPayment } from './pending-payment';

/** A declined attempt and its key: paying again with the same input reuses the key, and the server replays the decline. */
export interface DeclinedAttempt {
  key: string;
  attempt: PaymentAttempt;
}

/**
 * An attempt whose outcome is unknown (a 5xx, or no answer, until the link gave up): the order and
 * the charge may exist. "Try again" must send exactly this attempt again: the same input finds its
 * key in the link's journal (or `key`, when the attempt carried one of its own), so the server
 * replays or resumes it instead of charging a second time.
 */
export interface UnconfirmedAttempt {
  attempt: PaymentAttempt;
  /** The key the attempt was sent with explicitly; `undefined` when the journal holds it. */
  key: string | undefined;
}

interface PayVariables {
  attempt: PaymentAttempt;
  /** Set to send a known key; otherwise the link's journal picks one. */
  key: string | undefined;
}

/**
 * Pays for an attempt with `checkout.placeOrder`, once per press however many times the button
 * is pressed, and exposes what the link reports: the retry in progress (for the countdown),
 * whether the answer was a replay of an earlier attempt, and the attempt whose outcome is unknown
 * (which the next press must send again, not replace). On mount it resumes a payment a reload
 * interrupted.
 *
 * The call goes through the tRPC client rather than `mutationOptions()` because its context is
 * per press (a declined attempt's key), while `mutationOptions` fixes the context up front.
 */
export function useCheckoutPayment() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [retry, setRetry] = useState<RetryEvent | null>(null);
  const [replayed, setReplayed] = useState(false);
  const [declined, setDeclined] = useState<DeclinedAttempt | null>(null);
  const [unconfirmed, setUnconfirmed] = useState<UnconfirmedAttempt | null>(null);
  const [resumed, setResumed] = useState(false);
  const inFlight = useRef<Promise<void> | null>(null);

  const mutation = useMutation({
    mutationKey: trpc.checkout.placeOrder.mutationKey(),
    mutationFn: async ({ attempt, key }: PayVariables) => {
      let replay = false;
      const context: IdempotencyContext = { idempotencyKey: key, onRetry: setRetry, onReplay: () => ((replay = true), setReplayed(true)) };
      savePendingPayment(attempt, key);
      try {
        // Spread: tRPC's OperationContext is a plain record, which an interface type is not.
        const confirmation = await client.checkout.placeOrder.mutate(attempt.input, { context: { ...context } });
        clearPendingPayment();
        return { confirmation, replayed: replay };
      } catch (error) {
        // Unknown outcome (5xx, lost response): the link kept the key, so keep the payment too — a
        // reload resumes it, and "Try again" sends it again under that key.
        if (shopErrorOf(error).idempotency?.outcome !== 'unknown') clearPendingPayment();
        throw error;
      }
    },
    onSuccess: ({ confirmation, replayed: replay }) => {
      setUnconfirmed(null);
      queryClient.setQueryData(trpc.orders.byId.queryKey({ orderId: confirmation.orderId }), confirmation);
      router.push(`/orders/${confirmation.orderId}${replay ? '?replayed=1' : ''}`);
    },
    onError: (caught, { attempt, key }) => {
      const error = shopErrorOf(caught);
      setUnconfirmed(error.idempotency?.outcome === 'unknown' ? { attempt, key } : null);
      if (error.code === 'PAYMENT_DECLINED' && error.idempotency) setDeclined({ key: error.idempotency.key, attempt });
      const current = staleCartOf(error);
      if (current) queryClient.setQueryData(trpc.cart.get.queryKey(), current);
    },
    onSettled: async () => {
      setRetry(null);
      // The order took the cart and stock, whatever the payment's outcome.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.cart.get.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.orders.list.queryKey() }),
      ]);
    },
  });

  /** Pays, unless a payment is already on its way: then this press joins it (same request, same key). */
  function pay(attempt: PaymentAttempt, key?: string): Promise<void> {
    if (inFlight.current) return inFlight.current;
    const reuse =
      key ??
      (unconfirmed && sameInput(unconfirmed.attempt, attempt) ? unconfirmed.key : undefined) ??
      (declined && sameInput(declined.attempt, attempt) ? declined.key : undefined);
    setReplayed(false);
    const run = mutation.mutateAsync({ attempt, key: reuse }).then(
      () => {},
      () => {}, // shown from the mutation's state
    );
    inFlight.current = run.finally(() => (inFlight.current = null));
    return inFlight.current;
  }

  useEffect(() => {
    const pending = readPendingPayment();
    if (!pending) return;
    setResumed(true);
    void pay(pending.attempt, pending.key);
    // Once, on mount: resume a payment that a reload interrupted.
  }, []);

  return { pay, mutation, retry, replayed, declined, unconfirmed, resumed };
}
