import type { QueryClient } from '@tanstack/react-query';

/**
 * Something the receipt should tell the shopper about how their payment went, once:
 * - `reconnected`: the connection dropped after the payment went through; the shop's automatic
 *   retry got the stored answer back;
 * - `resumed`: the page reloaded mid-payment and picked the same payment up again;
 * - `confirmed`: the outcome was unknown, and "Try again" found the payment had gone through.
 */
export type PaymentNotice = 'reconnected' | 'resumed' | 'confirmed';

/** How a payment request was started on the checkout page. */
export type PaymentOrigin = 'press' | 'try-again' | 'reload';

/** The receipt's notice for a payment that succeeded, or `null` when there is nothing to tell. */
export function paymentNoticeFor(origin: PaymentOrigin, replayed: boolean): PaymentNotice | null {
  if (origin === 'reload') return 'resumed';
  if (!replayed) return null;
  return origin === 'try-again' ? 'confirmed' : 'reconnected';
}

/** What each notice says: what happened, in the shopper's words, without blaming them. */
export const PAYMENT_NOTICE_TEXT: Record<PaymentNotice, string> = {
  reconnected: 'The connection dropped after your payment went through. We checked: you were charged once.',
  resumed: 'The page reloaded while your payment was on its way. We picked it up where it left off: you were charged once.',
  confirmed: 'Your payment had gone through — only the confirmation got lost on the way back. We checked: you were charged once.',
};

/**
 * Where the notice waits between the checkout and the receipt: this page load's query cache, never
 * the URL, so a reload or a shared link does not show it again. A client-only key, no query function.
 */
function noticeKey(orderId: string) {
  return ['idem', 'payment-notice', orderId] as const;
}

/** Leaves a notice for the receipt of `orderId`. */
export function leavePaymentNotice(queryClient: QueryClient, orderId: string, notice: PaymentNotice): void {
  queryClient.setQueryData(noticeKey(orderId), notice);
}

/** The notice left for `orderId`, if any; it stays until `forgetPaymentNotice`. */
export function peekPaymentNotice(queryClient: QueryClient, orderId: string): PaymentNotice | null {
  return queryClient.getQueryData<PaymentNotice>(noticeKey(orderId)) ?? null;
}

/** Removes the notice of `orderId` once shown: a later visit to the receipt finds none. */
export function forgetPaymentNotice(queryClient: QueryClient, orderId: string): void {
  queryClient.removeQueries({ queryKey: noticeKey(orderId), exact: true });
}
