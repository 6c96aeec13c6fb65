import { z } from 'zod';
import { contactSchema, shippingAddressSchema } from '~/shared/checkout-details';
import { invalidateCatalog } from '../catalog/catalog-cache';
import { cancelOrderOfSession } from '../checkout/cancel-order';
import { chargeAndSettle } from '../checkout/charge-attempt';
import { loadCheckoutScreen } from '../checkout/checkout-screen';
import { takeLinesFromCart } from '../checkout/lines-from-cart';
import { loadOrderConfirmation } from '../checkout/order-confirmation';
import { claimedAttemptOf, claimNextAttempt } from '../checkout/payment-attempt';
import { reserveOrder } from '../checkout/reserve-order';
import { shopError } from '../errors';
import { idSchema } from '../ids';
import { createTRPCRouter, idempotentProcedure, publicProcedure } from '../trpc';

/** Versions are 32-bit integers in the database: a larger one can only be stale, and is refused as input. */
const MAX_VERSION = 2_147_483_647;

const payment = z.object({ token: idSchema.describe('A card token, e.g. tok_visa (see checkout.screen `testCards`).') });
/**
 * Contact and shipping address, validated with the schema the checkout form uses too
 * (src/shared/checkout-details.ts). Required to create an order (400 CHECKOUT_DETAILS_REQUIRED
 * otherwise); optional in the schema only so that a checkout begun before the shop asked for them
 * — its key in progress at an upgrade — can still be retried and resumed with its first input.
 */
const details = {
  contact: contactSchema.optional().describe('Required to place a new order.'),
  shipping: shippingAddressSchema.optional().describe('Required to place a new order.'),
};

const placeOrderInput = z.union([
  z.object({ cartVersion: z.int().min(0).max(MAX_VERSION).describe("Check out the session's cart, as of this version."), ...details, payment }),
  z.object({
    items: z
      .array(z.object({ productId: idSchema, quantity: z.int().min(1).max(99) }))
      .min(1)
      .max(50)
      .describe('Buy these now, without the cart.'),
    ...details,
    payment,
  }),
]);

const orderIdInput = { orderId: idSchema.describe('The order, as placeOrder answered it (`orderId`, or `details.orderId` of its 402).') };

export const checkoutRouter = createTRPCRouter({
  /**
   * Places an order and pays for it, exactly once per Idempotency-Key, in three steps:
   * 1. `order_created` — one transaction takes the cart (or the given items), reserves stock, prices
   *    the order (shipping and tax for the address) and creates it with payment attempt 1 claimed;
   * 2–3. the charge and the settlement (`chargeAndSettle`), as for every later attempt (`payOrder`).
   * A decline keeps the order awaiting payment, its stock held: pay it with `payOrder`, or `cancelOrder`.
   * A retry after a crash resumes after the last committed step.
   */
  placeOrder: idempotentProcedure
    .meta({ summary: 'Reserve stock, create an order (shipping and tax for the address) and charge the card, exactly once per Idempotency-Key.' })
    .input(placeOrderInput)
    .mutation(async ({ ctx, input }) => {
      const { idempotency, faults, payments, db } = ctx;
      faults('after_claim');
      const paymentKey = idempotency.derivedKey('charge');
      const stored = await idempotency.phase('order_created', async (tx) => {
        const { contact, shipping } = input;
        if (!contact || !shipping) throw shopError('CHECKOUT_DETAILS_REQUIRED', 'A new order needs `contact` (email) and `shipping` (address).');
        const lines = 'items' in input ? input.items : await takeLinesFromCart(tx, ctx.principal, input.cartVersion);
        const reserved = await reserveOrder(tx, { sessionId: ctx.principal, idempotencyKey: idempotency.key, lines, details: { contact, shipping }, provider: payments.name, paymentKey });
        faults('mid_transaction');
        return reserved;
      });
      const attempt = await claimedAttemptOf(db, stored);
      invalidateCatalog(db);
      return chargeAndSettle(ctx, attempt, { token: input.payment.token, paymentKey });
    }),

  /**
   * Another payment attempt on an order left awaiting payment by a decline, exactly once per
   * Idempotency-Key, in the same three steps as placeOrder: `attempt_claimed` — one conditional
   * write claims the order's next attempt (of concurrent attempts on one order exactly one runs;
   * the others get 409 ORDER_NOT_PAYABLE) and creates its payment — then the charge, then the
   * settlement. A new card is a new key.
   */
  payOrder: idempotentProcedure
    .meta({ summary: 'Pay an order awaiting payment (after a decline) with another card, exactly once per Idempotency-Key.' })
    .input(z.object({ ...orderIdInput, payment }))
    .mutation(async ({ ctx, input }) => {
      const { idempotency, faults, payments } = ctx;
      faults('after_claim');
      const paymentKey = idempotency.derivedKey('charge');
      const attempt = await idempotency.phase('attempt_claimed', async (tx) => {
        const claimed = await claimNextAttempt(tx, { orderId: input.orderId, sessionId: ctx.principal, provider: payments.name, paymentKey });
        faults('mid_transaction');
        return claimed;
      });
      return chargeAndSettle(ctx, attempt, { token: input.payment.token, paymentKey });
    }),

  /**
   * Gives up an order awaiting payment (no attempt being charged): CANCELLED, its stock back on the
   * shelf and its lines back in the session's cart (a new cart version), with the stored answer, in
   * one transaction. 409 ORDER_NOT_CANCELLABLE when paid, cancelled or being charged.
   */
  cancelOrder: idempotentProcedure
    .meta({ summary: "Cancel an order awaiting payment: stock back, its lines back in the session's cart." })
    .input(z.object(orderIdInput))
    .mutation(async ({ ctx, input }) => {
      const confirmation = await ctx.idempotency
        .finish(async (tx) => {
          await cancelOrderOfSession(tx, { orderId: input.orderId, sessionId: ctx.principal });
          const loaded = await loadOrderConfirmation(tx, input.orderId);
          if (!loaded) throw new Error(`Order ${input.orderId} vanished inside its own transaction.`);
          return loaded.confirmation;
        })
        .finally(() => invalidateCatalog(ctx.db));
      return confirmation;
    }),

  /** Read-only: the cart, its quote for a country, the countries, the test cards and the order open for another card. */
  screen: publicProcedure
    .meta({ summary: 'Everything the checkout page shows: cart, quote (shipping, tax) for a country, countries, test cards, the order awaiting another card.' })
    .input(z.object({ country: z.string().trim().toUpperCase().max(8).optional().describe('ISO 3166-1 alpha-2; unsupported or absent: US.') }).optional())
    .query(({ ctx, input }) => loadCheckoutScreen(ctx.db, ctx.principal, input?.country)),
});
