import { SpanKind } from '@opentelemetry/api';
import { commitThenFail, type IdempotencyHandle } from '@idem/trpc-server';
import { declineMessage, INVALID_TOKEN_DECLINE_CODE } from '~/shared/payment-messages';
import type { Tx } from '../db/tx';
import { shopError } from '../errors';
import type { FaultInjector } from '../faults';
import { withSpan } from '../observability/tracing';
import { isPaymentCircuitOpen } from '../payments/circuit-breaker-gateway';
import { isPaymentGatewayUnavailable, type ChargeRequest, type ChargeResult, type PaymentGateway } from '../payments/payment-gateway';
import type { OrderConfirmation } from './order-confirmation';
import type { ClaimedAttempt } from './payment-attempt';
import { settleAttempt } from './settle-order';

/** What charging an attempt needs from the procedure's context. */
export interface ChargeContext {
  idempotency: IdempotencyHandle<Tx>;
  payments: PaymentGateway;
  resHeaders: Headers;
  faults: FaultInjector;
}

/**
 * The last two steps of a payment attempt, the same for a checkout's first attempt and every later
 * one: the charge — outside any transaction, under `paymentKey` (derived from the request's key, so
 * a retry after a crash asks the provider again and gets the same charge back) — then `finish`, one
 * transaction that settles the attempt and stores the answer. A decline, or a card token the
 * provider did not know, commits the settled attempt and stores 402 (`PAYMENT_DECLINED` /
 * `PAYMENT_TOKEN_INVALID`, details `{ orderId, orderNumber, declineCode }`): the order stays
 * awaiting payment with its stock held, open for another card.
 */
export async function chargeAndSettle(ctx: ChargeContext, claimed: ClaimedAttempt, { token, paymentKey }: { token: string; paymentKey: string }): Promise<OrderConfirmation> {
  const charge = await chargeOrFail(ctx.payments, ctx.resHeaders, { idempotencyKey: paymentKey, token, amountCents: claimed.amountCents, currency: claimed.currency });
  ctx.faults('after_charge');
  const confirmation = await ctx.idempotency.finish(async (tx) => {
    const { confirmation, declineCode } = await settleAttempt(tx, claimed, charge);
    if (declineCode !== null) throw commitThenFail(refusal(claimed, declineCode));
    return confirmation;
  });
  ctx.faults('after_commit');
  return confirmation;
}

/** The stored 402: the shopper's words in the message, the provider's code only in the details. */
function refusal({ orderId, orderNumber }: ClaimedAttempt, declineCode: string) {
  const details = { orderId, orderNumber, declineCode };
  return shopError(declineCode === INVALID_TOKEN_DECLINE_CODE ? 'PAYMENT_TOKEN_INVALID' : 'PAYMENT_DECLINED', declineMessage(declineCode), details);
}

/**
 * The gateway's answer; when it is unreachable, or its circuit breaker is open (then with
 * `Retry-After` ≈ until its trial charge), a retryable 503 (the attempt stays claimed, nothing is
 * stored for the key, and a retry resumes). In a `payment.charge` span (a client span: the provider
 * is another system); the card token never becomes an attribute.
 */
async function chargeOrFail(payments: PaymentGateway, resHeaders: Headers, request: ChargeRequest): Promise<ChargeResult> {
  const attributes = { 'payment.provider': payments.name, 'payment.amount_cents': request.amountCents, 'payment.currency': request.currency };
  return withSpan('payment.charge', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const charge = await payments.charge(request);
      span.setAttributes({ 'payment.status': charge.status, ...(charge.status === 'invalid_token' ? {} : { 'payment.charge_id': charge.chargeId }) });
      return charge;
    } catch (error) {
      if (isPaymentCircuitOpen(error)) {
        const retryAfterS = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
        resHeaders.set('Retry-After', String(retryAfterS));
        span.setAttribute('payment.circuit', 'open');
        throw shopError('PAYMENT_PROVIDER_CIRCUIT_OPEN', `The payment provider is failing; charges are paused. Retry in ${retryAfterS} s with the same Idempotency-Key.`, { retryAfterSeconds: retryAfterS });
      }
      if (isPaymentGatewayUnavailable(error)) throw shopError('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider did not answer. Retry with the same Idempotency-Key.');
      throw error;
    }
  });
}
