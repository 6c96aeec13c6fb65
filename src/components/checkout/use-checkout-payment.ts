'use client';
import { useQueryClient } from '@tanstack/react-query';
import { idempotencyContext } from '@idem/trpc-link';
import { useIdempotentMutation } from '@idem/trpc-link/react';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useIdempotencyLink } from '~/client/idempotency-link-context';
import { shopErrorOf } from '~/client/shop-error';
import { staleCartOf } from '~/client/stale-cart';
import { useTRPC, useTRPCClient } from '~/client/trpc';
import { leavePaymentNotice, paymentNoticeFor, type PaymentOrigin } from '../orders/payment-notice';
import { declinedPaymentOf, type DeclinedPayment } from './declined-payment';
import { tokenOf, type PaymentAttempt } from './payment-attempt';
import { useResumeInterruptedPayment } from './use-resume-interrupted-payment';

interface PayVariables {
  attempt: PaymentAttempt;
  /** How it was started: a press of "Pay", or sent again after a reload. */
  origin: Exclude<PaymentOrigin, 'try-again'>;
}

/**
 * Pays — a new order for the cart (`checkout.placeOrder`), or an order awaiting payment with
 * another card (`checkout.payOrder`) — once per press however many times the button is pressed,
 * and exposes what the link reports: the retry in progress (for the countdown) and the attempt
 * whose outcome is unknown, which "Try again" (`tryAgain`) sends again, never replaces.
 *
 * Keys: the link's journal is the one place they are kept. Every payment is sent `resumable`, with
 * its summary as the journal entry's data, and the journal finds the key by procedure and input:
 * - while an attempt's outcome is unknown, sending it again (same input) reuses its key, so the
 *   server resumes or replays it — after "Try again", and after a reload (see
 *   `useResumeInterruptedPayment`);
 * - an attempt with a known outcome (paid, declined) leaves the journal, so another attempt on the
 *   same order — even with the same card — gets a new key.
 *
 * After a decline the order stays open: `declined` names it, and the checkout screen is fetched
 * again (its `openOrder` is that order) before the error shows.
 */
export function useCheckoutPayment() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const link = useIdempotencyLink();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [declined, setDeclined] = useState<DeclinedPayment | null>(null);
  const triedAgain = useRef(false);

  const mutation = useIdempotentMutation({
    link,
    mutationKey: ['checkout', 'payment'],
    mutationFn: async ({ attempt }: PayVariables, context) => {
      let replayed = false;
      const call = {
        context: idempotencyContext({
          ...context,
          onReplay: (event) => ((replayed = true), context.onReplay?.(event)),
          resumable: true,
          resumeData: attempt.summary,
        }),
      };
      const confirmation =
        attempt.procedure === 'placeOrder' ? await client.checkout.placeOrder.mutate(attempt.input, call) : await client.checkout.payOrder.mutate(attempt.input, call);
      return { confirmation, replayed };
    },
    onSuccess: ({ confirmation, replayed }, { origin }) => {
      queryClient.setQueryData(trpc.orders.byId.queryKey({ orderId: confirmation.orderId }), confirmation);
      const notice = paymentNoticeFor(triedAgain.current ? 'try-again' : origin, replayed);
      if (notice) leavePaymentNotice(queryClient, confirmation.orderId, notice);
      router.push(`/orders/${confirmation.orderId}`);
    },
    onError: async (caught, { attempt }) => {
      const error = shopErrorOf(caught);
      setDeclined(declinedPaymentOf(error, tokenOf(attempt)));
      const current = staleCartOf(error);
      if (current) queryClient.setQueryData(trpc.cart.get.queryKey(), current);
      // Before the error shows: the open order with its attempts, or the current cart and quote.
      if (error.idempotency?.outcome !== 'unknown') await queryClient.refetchQueries(trpc.checkout.screen.queryFilter());
    },
    onSettled: async () => {
      // An order took the cart and held the stock, whatever the payment's outcome. The screen is
      // only marked stale: it was fetched again above when it matters, and the page stays on the payment.
      await Promise.all([
        queryClient.invalidateQueries({ ...trpc.checkout.screen.queryFilter(), refetchType: 'none' }),
        queryClient.invalidateQueries(trpc.cart.get.queryFilter()),
        queryClient.invalidateQueries(trpc.catalog.list.queryFilter()),
        queryClient.invalidateQueries(trpc.orders.list.queryFilter()),
      ]);
    },
  });
  const { idempotency } = mutation;
  const unconfirmed = idempotency.status === 'unknown' && mutation.variables ? mutation.variables.attempt : null;

  /** Pays; a press while a payment is on its way joins it (same request, same key). */
  function pay(attempt: PaymentAttempt): void {
    triedAgain.current = false;
    mutation.mutate({ attempt, origin: 'press' });
  }

  /** Sends the attempt whose outcome is unknown again: the journal hands it the same key. */
  function tryAgain(): void {
    triedAgain.current = true;
    idempotency.resume();
  }

  const resumed = useResumeInterruptedPayment(link, (attempt) => mutation.mutate({ attempt, origin: 'reload' }));

  return { pay, tryAgain, mutation, retry: idempotency.retry ?? null, declined, unconfirmed, resumed: resumed !== null, resumedAttempt: resumed };
}
