/**
 * The benchmark's plain baseline: `checkout.placeOrder` doing the same work — the same
 * `reserveOrder` and `settleAttempt` in the same two transactions, the same gateway charge, the
 * same catalog invalidation — but mounted on `publicProcedure`, without the idempotency middleware.
 * It lives in the harness only: production code has no switch that turns idempotency off.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkoutDetailsSchema } from '~/shared/checkout-details';
import { declineMessage } from '~/shared/payment-messages';
import { invalidateCatalog } from '~/server/catalog/catalog-cache';
import { reserveOrder } from '~/server/checkout/reserve-order';
import { settleAttempt } from '~/server/checkout/settle-order';
import { transactionTimeoutMs } from '~/server/env';
import { shopError } from '~/server/errors';
import { idSchema } from '~/server/ids';
import { publicProcedure } from '~/server/trpc';

const plainInput = checkoutDetailsSchema.extend({
  items: z.array(z.object({ productId: idSchema, quantity: z.int().min(1).max(99) })).min(1).max(50),
  payment: z.object({ token: idSchema }),
});

export const plainPlaceOrder = publicProcedure.input(plainInput).mutation(async ({ ctx, input }) => {
  const { db, payments } = ctx;
  const options = { timeout: transactionTimeoutMs(ctx.env), maxWait: 10_000 };
  // Each call is a new order: the key only labels the rows, as the idempotent procedure's does.
  const key = randomUUID();
  const paymentKey = `${key}:charge`;
  const attempt = await db.$transaction(
    (tx) => reserveOrder(tx, { sessionId: ctx.principal, idempotencyKey: key, lines: input.items, details: input, provider: payments.name, paymentKey }),
    options,
  );
  invalidateCatalog(db);
  const charge = await payments.charge({ idempotencyKey: paymentKey, token: input.payment.token, amountCents: attempt.amountCents, currency: attempt.currency });
  const { confirmation, declineCode } = await db.$transaction((tx) => settleAttempt(tx, attempt, charge), options);
  if (declineCode !== null) throw shopError('PAYMENT_DECLINED', declineMessage(declineCode), { orderId: attempt.orderId, orderNumber: attempt.orderNumber, declineCode });
  return confirmation;
});
