import { INVALID_TOKEN_DECLINE_CODE } from '~/shared/payment-messages';
import type { Tx } from '../db/tx';
import type { ChargeResult } from '../payments/payment-gateway';
import { loadOrderConfirmation, type OrderConfirmation } from './order-confirmation';
import type { ClaimedAttempt } from './payment-attempt';

/** A settled attempt: the order as it now is, and the decline code when the card did not go through. */
export interface SettledAttempt {
  confirmation: OrderConfirmation;
  /** Null when paid; the provider's code when declined; `invalid_token` when it did not know the card. */
  declineCode: string | null;
}

/**
 * Records the provider's answer to a claimed attempt, inside the caller's transaction: the order
 * PAID, or — declined, or a card token the provider did not know — still awaiting payment with its
 * stock held, open for another attempt (`payingAttempt` back to null). The attempt's payment gets
 * the outcome, the charge id and the card's brand and last four digits.
 *
 * Each write is conditional on this attempt still being the one charged (`payingAttempt`), so an
 * attempt is settled once; a mismatch is a broken invariant, and fails closed (an error, nothing
 * written, nothing stored: the key stays resumable and the operator sees it).
 */
export async function settleAttempt(tx: Tx, { orderId, attempt }: ClaimedAttempt, charge: ChargeResult): Promise<SettledAttempt> {
  const paid = charge.status === 'succeeded';
  const declineCode = charge.status === 'succeeded' ? null : charge.status === 'declined' ? charge.declineCode : INVALID_TOKEN_DECLINE_CODE;
  const settled = await tx.order.updateMany({
    where: { id: orderId, status: 'AWAITING_PAYMENT', payingAttempt: attempt },
    data: paid ? { status: 'PAID', payingAttempt: null } : { payingAttempt: null },
  });
  if (settled.count !== 1) throw new Error(`Order ${orderId} is not being paid by attempt ${attempt}: it was settled already.`);
  const card = charge.status === 'invalid_token' ? undefined : charge.card;
  const recorded = await tx.payment.updateMany({
    where: { orderId, attempt, status: 'PENDING' },
    data: {
      status: paid ? 'SUCCEEDED' : 'DECLINED',
      providerChargeId: charge.status === 'invalid_token' ? null : charge.chargeId,
      declineCode,
      cardBrand: card?.brand ?? null,
      cardLast4: card?.last4 ?? null,
    },
  });
  if (recorded.count !== 1) throw new Error(`Payment attempt ${attempt} of order ${orderId} is not pending: it was settled already.`);
  const loaded = await loadOrderConfirmation(tx, orderId);
  if (!loaded) throw new Error(`Order ${orderId} vanished inside its own transaction.`);
  return { confirmation: loaded.confirmation, declineCode };
}
