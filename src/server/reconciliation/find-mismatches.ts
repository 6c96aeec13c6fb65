import type { Db } from '../db/create-db';

/** One way the gateway's ledger and the shop's orders disagree. */
export interface Mismatch {
  kind:
    /** The gateway charged, and no PAID order holds the charge: a double charge, or a charge whose order was never settled. */
    | 'charge_without_paid_order'
    /** An order says PAID, and the gateway holds no succeeded charge for it. */
    | 'paid_order_without_charge'
    /** The charge and the order's total differ. */
    | 'amount_differs'
    /**
     * A PAID order with more than one succeeded charge: a second payment attempt charged too (its
     * own charge, listed with its id), or more than one attempt recorded as SUCCEEDED (the order).
     */
    | 'order_charged_more_than_once';
  /** The gateway charge, when there is one. */
  chargeId: string | null;
  /** The order, when there is one. */
  orderId: string | null;
  amountCents: number;
  at: string;
}

export interface FindMismatchesOptions {
  /**
   * Charges younger than this are left alone: their checkout may still be settling (a retry, the
   * completer). Keep it above the lock timeout plus a few completer intervals.
   * @default 300_000 (5 min)
   */
  graceMs?: number;
  /** Rows read per query. @default 500 */
  pageSize?: number;
  /** @default () => new Date() */
  now?: () => Date;
}

/** Every kind, for counters that start at 0. */
export const MISMATCH_KINDS: readonly Mismatch['kind'][] = ['charge_without_paid_order', 'paid_order_without_charge', 'amount_differs', 'order_charged_more_than_once'];

/**
 * Reconciliation: every succeeded charge belongs to exactly one PAID order, as that order's one
 * SUCCEEDED payment attempt, for its total; and every PAID order has exactly one SUCCEEDED attempt,
 * whose charge succeeded. (Declined attempts of an order are no mismatch: their charges did not
 * succeed.) Pages through both sides by id, so memory stays bounded whatever the table sizes.
 */
export async function findMismatches(db: Db, options: FindMismatchesOptions = {}): Promise<Mismatch[]> {
  const pageSize = options.pageSize ?? 500;
  const settledBefore = new Date((options.now ?? (() => new Date()))().getTime() - (options.graceMs ?? 300_000));
  const mismatches: Mismatch[] = [];

  for (let cursor: string | undefined; ; ) {
    const charges = await db.gatewayCharge.findMany({
      where: { status: 'succeeded', createdAt: { lt: settledBefore }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: pageSize,
    });
    if (charges.length === 0) break;
    cursor = charges.at(-1)!.id;
    const payments = await db.payment.findMany({ where: { providerIdempotencyKey: { in: charges.map((c) => c.idempotencyKey) } }, include: { order: true } });
    const byKey = new Map(payments.map((p) => [p.providerIdempotencyKey, p]));
    for (const charge of charges) {
      const payment = byKey.get(charge.idempotencyKey);
      const at = charge.createdAt.toISOString();
      if (payment?.order.status !== 'PAID') mismatches.push({ kind: 'charge_without_paid_order', chargeId: charge.id, orderId: payment?.orderId ?? null, amountCents: charge.amountCents, at });
      // The order was paid by another attempt, and this attempt's charge went through as well.
      else if (payment.status !== 'SUCCEEDED') mismatches.push({ kind: 'order_charged_more_than_once', chargeId: charge.id, orderId: payment.orderId, amountCents: charge.amountCents, at });
      else if (payment.order.totalCents !== charge.amountCents) mismatches.push({ kind: 'amount_differs', chargeId: charge.id, orderId: payment.orderId, amountCents: charge.amountCents, at });
    }
  }

  for (let cursor: string | undefined; ; ) {
    const orders = await db.order.findMany({
      where: { status: 'PAID', ...(cursor ? { id: { gt: cursor } } : {}) },
      include: { payments: { where: { status: 'SUCCEEDED' } } },
      orderBy: { id: 'asc' },
      take: pageSize,
    });
    if (orders.length === 0) break;
    cursor = orders.at(-1)!.id;
    const keys = orders.flatMap((o) => o.payments.map((p) => p.providerIdempotencyKey));
    const charged = new Set((await db.gatewayCharge.findMany({ where: { idempotencyKey: { in: keys }, status: 'succeeded' }, select: { idempotencyKey: true } })).map((c) => c.idempotencyKey));
    for (const order of orders) {
      const at = order.updatedAt.toISOString();
      if (order.payments.length > 1) mismatches.push({ kind: 'order_charged_more_than_once', chargeId: null, orderId: order.id, amountCents: order.totalCents, at });
      else if (!order.payments.some((p) => charged.has(p.providerIdempotencyKey))) {
        mismatches.push({ kind: 'paid_order_without_charge', chargeId: null, orderId: order.id, amountCents: order.totalCents, at });
      }
    }
  }
  return mismatches;
}
