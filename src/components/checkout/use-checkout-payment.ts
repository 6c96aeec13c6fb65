'use client';
import { useQueryClient } from '@tanstack/react-query';
import { idempotencyContext, type PendingOperation } from '@idem/trpc-link';
import { useIdempotentMutation, usePendingOperations } from '@idem/trpc-link/react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useIdempotencyLink } from '~/client/idempotency-link-context';
import { shopErrorOf } from '~/client/shop-error';
import { staleCartOf } from '~/client/stale-cart';
import { useTRPC, useTRPCClient } from '~/client/trpc';
import { paymentAttemptSchema, sameInput, type PaymentAttempt } from './payment-attempt';

const PLACE_ORDER = 'checkout.placeOrder';

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
 * (which the next press must send again, not replace).
 *
 * The link's journal is the one place a payment's key is kept: each payment is sent `resumable`,
 * with its order summary as the journal entry's data, so on mount the page finds a payment a reload
 * interrupted (`usePendingOperations`) and sends it again — the same input gets the same key.
 */
export function useCheckoutPayment() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const link = useIdempotencyLink();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [declined, setDeclined] = useState<DeclinedAttempt | null>(null);
  const [resumed, setResumed] = useState(false);

  const mutation = useIdempotentMutation({
    link,
    mutationKey: trpc.checkout.placeOrder.mutationKey(),
    mutationFn: async ({ attempt, key }: PayVariables, context) => {
      let replayed = false;
      const confirmation = await client.checkout.placeOrder.mutate(attempt.input, {
        context: idempotencyContext({
          ...context,
          idempotencyKey: key,
          onReplay: (event) => ((replayed = true), context.onReplay?.(event)),
          resumable: true,
          resumeData: attempt.summary,
        }),
      });
      return { confirmation, replayed };
    },
    onSuccess: ({ confirmation, replayed }) => {
      queryClient.setQueryData(trpc.orders.byId.queryKey({ orderId: confirmation.orderId }), confirmation);
      router.push(`/orders/${confirmation.orderId}${replayed ? '?replayed=1' : ''}`);
    },
    onError: (caught, { attempt }) => {
      const error = shopErrorOf(caught);
      if (error.code === 'PAYMENT_DECLINED' && error.idempotency) setDeclined({ key: error.idempotency.key, attempt });
      const current = staleCartOf(error);
      if (current) queryClient.setQueryData(trpc.cart.get.queryKey(), current);
    },
    onSettled: async () => {
      // The order took the cart and stock, whatever the payment's outcome.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.cart.get.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.orders.list.queryKey() }),
      ]);
    },
  });
  const { idempotency } = mutation;
  const unconfirmed: UnconfirmedAttempt | null = idempotency.status === 'unknown' && mutation.variables ? mutation.variables : null;

  /** Pays; a press while a payment is on its way joins it (same request, same key). */
  function pay(attempt: PaymentAttempt): void {
    if (unconfirmed && sameInput(unconfirmed.attempt, attempt)) return idempotency.resume();
    const key = declined && sameInput(declined.attempt, attempt) ? declined.key : undefined;
    mutation.mutate({ attempt, key });
  }

  // After a reload: send again the payment whose outcome this browser never learned.
  const { operations } = usePendingOperations(link, { path: PLACE_ORDER });
  const resumedOnce = useRef(false);
  useEffect(() => {
    const attempt = resumableAttempt(operations);
    if (!attempt || resumedOnce.current) return;
    resumedOnce.current = true;
    setResumed(true);
    mutation.mutate({ attempt, key: undefined });
    // Once, when the journal has been read.
  }, [operations]);

  return { pay, mutation, retry: idempotency.retry ?? null, replayed: idempotency.replayed, declined, unconfirmed, resumed };
}

/** The newest pending payment the journal can hand back as an attempt (its summary is the entry's data). */
function resumableAttempt(operations: PendingOperation[] | undefined): PaymentAttempt | null {
  for (const operation of [...(operations ?? [])].reverse()) {
    const parsed = paymentAttemptSchema.safeParse({ input: operation.input, summary: operation.data });
    if (parsed.success) return parsed.data;
  }
  return null;
}
