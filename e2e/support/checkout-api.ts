import { dataOf, detailsOf, errorCode, order, postMutation, type RawResponse } from './api';

/** What the tests read of an OrderConfirmation. */
export interface Confirmation {
  orderId: string;
  number: string;
  status: string;
  totalCents: number;
  payment: { status: string; declineCode: string | null };
  payments: { attempt: number; status: string; cardBrand: string | null; cardLast4: string | null; declineCode: string | null }[];
  paidAt: string | null;
}

/** The checkout's keyed mutations for one session, as raw HTTP calls. */
export function checkoutCalls(url: string, cookie: string) {
  return {
    place: (key: string, body: object) => postMutation(url, 'checkout.placeOrder', { key, body, cookie }),
    pay: (key: string, orderId: string, token: string) => postMutation(url, 'checkout.payOrder', { key, body: { orderId, payment: { token } }, cookie }),
    cancel: (key: string, orderId: string) => postMutation(url, 'checkout.cancelOrder', { key, body: { orderId }, cookie }),
    /** Places an order of `productId` × `quantity` whose card is declined, and returns its id (the 402's details). */
    async declinedOrder(key: string, productId: string, quantity = 1): Promise<string> {
      const declined = await postMutation(url, 'checkout.placeOrder', { key, body: order(productId, quantity, 'tok_chargeDeclined'), cookie });
      if (declined.status !== 402 || errorCode(declined.body) !== 'PAYMENT_DECLINED') throw new Error(`expected a 402 decline, got ${declined.status} ${declined.body.slice(0, 200)}`);
      return detailsOf<{ orderId: string }>(declined).orderId;
    },
  };
}

/** The confirmation of a 200. */
export const confirmationOf = (response: RawResponse) => dataOf<Confirmation>(response);
