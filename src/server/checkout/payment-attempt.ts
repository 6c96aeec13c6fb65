import type { Db } from '../db/create-db';
import type { Tx } from '../db/tx';
import { shopError } from '../errors';

/**
 * A payment attempt claimed on an order: the one being charged now (`order.payingAttempt`). It is
 * the result of the request's first phase, stored as JSON, so a resumed request charges and settles
 * the same attempt with the same provider key.
 */
export interface ClaimedAttempt {
  orderId: string;
  orderNumber: string;
  attempt: number;
  amountCents: number;
  currency: string;
}

/**
 * Held by `payingAttempt` between the claim and the attempt number being written, inside the one
 * claim transaction: no other transaction ever sees it. Attempts are numbered from 1.
 */
const CLAIMING = 0;

/**
 * Payment attempts one order may have. A stop to card testing (trying stolen cards one after
 * another against one order); a shopper who reaches it cancels and checks out again.
 */
export const MAX_PAYMENT_ATTEMPTS = 10;

/**
 * Claims the order's next payment attempt for the session, with one conditional write: only an
 * order of this session, awaiting payment, with no attempt being charged, is claimed — of
 * concurrent claims exactly one passes (the row lock on PostgreSQL, the single writer on SQLite);
 * the others get 409 ORDER_NOT_PAYABLE, an order past MAX_PAYMENT_ATTEMPTS 409
 * PAYMENT_ATTEMPTS_EXHAUSTED, and another session's or a missing order 404 ORDER_NOT_FOUND.
 * The same write counts the attempt; the new count is read back in the same transaction and becomes
 * `payingAttempt`, and the attempt's PENDING payment is created with `paymentKey`.
 */
export async function claimNextAttempt(tx: Tx, { orderId, sessionId, provider, paymentKey }: { orderId: string; sessionId: string; provider: string; paymentKey: string }): Promise<ClaimedAttempt> {
  const claimed = await tx.order.updateMany({
    where: { id: orderId, sessionId, status: 'AWAITING_PAYMENT', payingAttempt: null, paymentAttempts: { lt: MAX_PAYMENT_ATTEMPTS } },
    data: { paymentAttempts: { increment: 1 }, payingAttempt: CLAIMING },
  });
  if (claimed.count === 0) throw await notPayable(tx, orderId, sessionId);
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { number: true, paymentAttempts: true, totalCents: true, currency: true } });
  await tx.order.updateMany({ where: { id: orderId, payingAttempt: CLAIMING }, data: { payingAttempt: order.paymentAttempts } });
  const attempt = { orderId, orderNumber: order.number, attempt: order.paymentAttempts, amountCents: order.totalCents, currency: order.currency };
  await openAttempt(tx, attempt, { provider, paymentKey });
  return attempt;
}

/** Creates the PENDING payment of a claimed attempt: what the provider is about to be asked for, under `paymentKey`. */
export async function openAttempt(tx: Tx, attempt: ClaimedAttempt, { provider, paymentKey }: { provider: string; paymentKey: string }): Promise<void> {
  await tx.payment.create({
    data: { orderId: attempt.orderId, attempt: attempt.attempt, provider, providerIdempotencyKey: paymentKey, amountCents: attempt.amountCents, currency: attempt.currency },
  });
}

/** Why a claim found nothing: no such order for this session (404), or not payable now (409). */
async function notPayable(tx: Tx, orderId: string, sessionId: string) {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { sessionId: true, number: true, status: true, payingAttempt: true, paymentAttempts: true } });
  // Another session's order is answered like a missing one: its existence is not disclosed.
  if (!order || order.sessionId !== sessionId) return shopError('ORDER_NOT_FOUND', `No order ${orderId}.`);
  if (order.status === 'AWAITING_PAYMENT' && order.payingAttempt === null && order.paymentAttempts >= MAX_PAYMENT_ATTEMPTS) {
    const message = `This order has had ${order.paymentAttempts} payment attempts, the most one order may have. Cancel it and check out again.`;
    return shopError('PAYMENT_ATTEMPTS_EXHAUSTED', message, { orderId, orderNumber: order.number, attempts: order.paymentAttempts });
  }
  const message =
    order.status === 'PAID' ? 'This order is paid already.' : order.status === 'CANCELLED' ? 'This order was cancelled.' : 'A payment for this order is being processed. Wait for its answer.';
  return shopError('ORDER_NOT_PAYABLE', message, { orderId, orderNumber: order.number, status: order.status });
}

/** `order_created` as the release before payment attempts stored it: the order, not its attempt. */
interface OrderCreatedBeforeAttempts {
  orderId: string;
  totalCents: number;
  currency: string;
}

/**
 * The attempt a checkout's first phase stored — as this release stores it, or as the release
 * before payment attempts did (`{ orderId, totalCents, currency, fromCart }`), whose order is then
 * attempt 1 (the upgrade marked it as being charged). Lets a key in progress at the upgrade resume.
 */
export async function claimedAttemptOf(db: Db, stored: ClaimedAttempt | OrderCreatedBeforeAttempts): Promise<ClaimedAttempt> {
  if ('attempt' in stored) return stored;
  const { number } = await db.order.findUniqueOrThrow({ where: { id: stored.orderId }, select: { number: true } });
  return { orderId: stored.orderId, orderNumber: number, attempt: 1, amountCents: stored.totalCents, currency: stored.currency };
}
