import { z } from 'zod';
import type { ShopErrorInfo } from '~/client/shop-error';
import { INVALID_TOKEN_DECLINE_CODE } from '~/shared/payment-messages';

const detailsSchema = z.object({ orderId: z.string(), orderNumber: z.string().optional(), declineCode: z.string().nullish() });

/** A card that did not go through on an order that stays open (awaiting payment, stock held). */
export interface DeclinedPayment {
  orderId: string;
  /** e.g. IDM-4F2K9QX; `null` if the server did not say. */
  orderNumber: string | null;
  /** The provider's code, for `declineMessage` — never shown as such. */
  declineCode: string | null;
  /** The card that was refused: the message stays while it is still the one chosen. */
  token: string;
}

/**
 * The declined payment a 402 describes — `PAYMENT_DECLINED`, or `PAYMENT_TOKEN_INVALID` (the
 * provider did not know the card) — or `null` for any other error or details that do not parse.
 */
export function declinedPaymentOf(error: ShopErrorInfo, token: string): DeclinedPayment | null {
  if (error.code !== 'PAYMENT_DECLINED' && error.code !== 'PAYMENT_TOKEN_INVALID') return null;
  const parsed = detailsSchema.safeParse(error.details);
  if (!parsed.success) return null;
  const fallbackCode = error.code === 'PAYMENT_TOKEN_INVALID' ? INVALID_TOKEN_DECLINE_CODE : null;
  return { orderId: parsed.data.orderId, orderNumber: parsed.data.orderNumber ?? null, declineCode: parsed.data.declineCode ?? fallbackCode, token };
}
