import { SpanKind } from '@opentelemetry/api';
import { commitThenFail } from '@idem/trpc-server';
import { z } from 'zod';
import { invalidateCatalog } from '../catalog/catalog-cache';
import { takeLinesFromCart } from '../checkout/lines-from-cart';
import { reserveOrder } from '../checkout/reserve-order';
import { settleOrder } from '../checkout/settle-order';
import { shopError } from '../errors';
import { idSchema } from '../ids';
import { withSpan } from '../observability/tracing';
import { isPaymentCircuitOpen } from '../payments/circuit-breaker-gateway';
import { isPaymentGatewayUnavailable, type ChargeRequest, type PaymentGateway } from '../payments/payment-gateway';
import { createTRPCRouter, idempotentProcedure } from '../trpc';

/** Versions are 32-bit integers in the database: a larger one can only be stale, and is refused as input. */
const MAX_VERSION = 2_147_483_647;

const payment = z.object({ token: idSchema.describe('A card token, e.g. tok_visa') });

const placeOrderInput = z.union([
  z.object({ cartVersion: z.int().min(0).max(MAX_VERSION).describe("Check out the session's cart, as of this version."), payment }),
  z.object({
    items: z
      .array(z.object({ productId: idSchema, quantity: z.int().min(1).max(99) }))
      .min(1)
      .max(50)
      .describe('Buy these now, without the cart.'),
    payment,
  }),
]);

export const checkoutRouter = createTRPCRouter({
  /**
   * Places an order and pays for it, exactly once per Idempotency-Key, in three steps:
   * 1. `order_created` — one transaction takes the cart (or the given items), reserves stock and
   *    creates the order and a pending payment;
   * 2. the charge — outside any transaction, with a key derived from the request's, so that a retry
   *    after a crash asks the gateway again and gets the same charge back;
   * 3. finish — one transaction settles the order and stores the response.
   * A retry after a crash resumes after the last committed step.
   */
  placeOrder: idempotentProcedure
    .meta({ summary: 'Reserve stock, create an order and charge the card, exactly once per Idempotency-Key.' })
    .input(placeOrderInput)
    .mutation(async ({ ctx, input }) => {
      const { idempotency, faults, payments, db } = ctx;
      faults('after_claim');
      const paymentKey = idempotency.derivedKey('charge');
      const order = await idempotency.phase('order_created', async (tx) => {
        const lines = 'items' in input ? input.items : await takeLinesFromCart(tx, ctx.principal, input.cartVersion);
        const reserved = await reserveOrder(tx, {
          sessionId: ctx.principal,
          idempotencyKey: idempotency.key,
          lines,
          provider: payments.name,
          paymentKey,
          fromCart: !('items' in input),
        });
        faults('mid_transaction');
        return reserved;
      });
      invalidateCatalog(db);
      const charge = await chargeOrFail(payments, ctx.resHeaders, { idempotencyKey: paymentKey, token: input.payment.token, amountCents: order.totalCents, currency: order.currency });
      faults('after_charge');
      const confirmation = await idempotency
        .finish(async (tx) => {
          const settled = await settleOrder(tx, order.orderId, charge, order.fromCart ? ctx.principal : null);
          if (charge.status === 'declined') {
            const details = { orderId: order.orderId, declineCode: charge.declineCode };
            throw commitThenFail(shopError('PAYMENT_DECLINED', `The card was declined (${charge.declineCode}).`, details));
          }
          return settled;
        })
        .finally(() => invalidateCatalog(db)); // a declined order put its stock back
      faults('after_commit');
      return confirmation;
    }),
});

/**
 * The gateway's answer; when it is unreachable, or its circuit breaker is open (then with
 * `Retry-After` ≈ until its trial charge), a retryable 503 (the order stays reserved, nothing is stored for the key, and a retry
 * resumes). In a `payment.charge` span (a client span: the provider is another system); the card
 * token never becomes an attribute.
 */
async function chargeOrFail(payments: PaymentGateway, resHeaders: Headers, request: ChargeRequest) {
  const attributes = { 'payment.provider': payments.name, 'payment.amount_cents': request.amountCents, 'payment.currency': request.currency };
  return withSpan('payment.charge', { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const charge = await payments.charge(request);
      span.setAttributes({ 'payment.status': charge.status, 'payment.charge_id': charge.chargeId });
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
