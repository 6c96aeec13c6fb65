/**
 * The verdict, read from the database once the chaos is over: exactly one PAID order and one
 * succeeded charge per shopper, stock taken once per order, every answer naming the shopper's one
 * order, no record left IN_PROGRESS, reconciliation clean. Charges are counted in the gateway's and
 * the shop's payment tables with `where` (an order may hold several payment attempts), never
 * through an order's relation.
 */
import type { Db } from '~/server/db/create-db';
import { findMismatches } from '~/server/reconciliation/find-mismatches';
import type { Observations } from './observations';
import { pollUntil } from './pause';
import type { ShopperOutcome } from './shoppers';

export interface Verdict {
  orders: number;
  /** Succeeded charges in the gateway's ledger. */
  charges: number;
  violations: string[];
}

export interface VerdictInput {
  outcomes: readonly ShopperOutcome[];
  observations: Observations;
  /** Each product's stock before the shoppers came. */
  stockBefore: ReadonlyMap<string, number>;
}

/** Waits (bounded) until the completer has finished every abandoned request: no IN_PROGRESS record with a committed phase. */
export async function waitForCompleter(db: Db, timeoutMs: number): Promise<boolean> {
  return pollUntil(async () => (await db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS', recoveryPoint: { not: 'started' } } })) === 0, { timeoutMs, everyMs: 250 });
}

export async function judge(db: Db, input: VerdictInput): Promise<Verdict> {
  const violations: string[] = [];
  const orders = await db.order.findMany({ select: { id: true, sessionId: true, status: true } });
  const charges = await db.gatewayCharge.findMany({ where: { status: 'succeeded' }, select: { idempotencyKey: true } });
  violations.push(...checkShoppers(input, orders));
  violations.push(...(await checkCharges(db, input.outcomes.length, orders.length, new Set(charges.map((c) => c.idempotencyKey)))));
  violations.push(...(await checkStock(db, input)));
  violations.push(...(await checkRecords(db)));
  const mismatches = await findMismatches(db, { graceMs: 0 });
  for (const m of mismatches.slice(0, 10)) violations.push(`reconciliation: ${m.kind} (charge ${m.chargeId ?? '-'}, order ${m.orderId ?? '-'}, ${m.amountCents} cents)`);
  if (mismatches.length > 10) violations.push(`reconciliation: ${mismatches.length - 10} more mismatches`);
  return { orders: orders.length, charges: charges.length, violations };
}

type OrderRow = { id: string; sessionId: string; status: string };

function checkShoppers({ outcomes, observations }: VerdictInput, orders: readonly OrderRow[]): string[] {
  const violations: string[] = [];
  const byId = new Map(orders.map((o) => [o.id, o]));
  const perSession = new Map<string, number>();
  for (const o of orders) perSession.set(o.sessionId, (perSession.get(o.sessionId) ?? 0) + 1);
  if (orders.length !== outcomes.length) violations.push(`${orders.length} orders in the database for ${outcomes.length} shoppers`);
  const answered = new Set<string>();
  for (const shopper of outcomes) {
    const name = `shopper ${shopper.index}`;
    const seen = [...observations.answersOf(shopper.index)];
    if (shopper.orderId === undefined) {
      violations.push(`${name}: the link gave up: ${shopper.error ?? 'no answer'}${seen.length > 0 ? ` (the instances had answered ${seen.join(', ')})` : ''}`);
      continue;
    }
    answered.add(shopper.orderId);
    const mine = byId.get(shopper.orderId);
    if (!mine) {
      violations.push(`${name}: its answer names order ${shopper.orderId}, which is not in the database`);
      continue;
    }
    if (mine.status !== 'PAID') violations.push(`${name}: order ${mine.id} is ${mine.status}, not PAID`);
    const count = perSession.get(mine.sessionId) ?? 0;
    if (count !== 1) violations.push(`${name}: its session holds ${count} orders`);
    const others = seen.filter((id) => id !== shopper.orderId);
    if (others.length > 0) violations.push(`${name}: answered with order ${shopper.orderId}, and earlier with ${others.join(', ')}`);
  }
  const succeeded = outcomes.filter((o) => o.orderId !== undefined).length;
  if (answered.size !== succeeded) violations.push(`${succeeded} shoppers were answered with only ${answered.size} distinct orders`);
  return violations;
}

async function checkCharges(db: Db, shoppers: number, orders: number, chargedKeys: ReadonlySet<string>): Promise<string[]> {
  const violations: string[] = [];
  if (chargedKeys.size !== shoppers) violations.push(`${chargedKeys.size} succeeded gateway charges for ${shoppers} shoppers`);
  const payments = await db.payment.findMany({ where: { status: 'SUCCEEDED' }, select: { orderId: true, providerIdempotencyKey: true } });
  if (payments.length !== shoppers) violations.push(`${payments.length} succeeded payments for ${shoppers} shoppers`);
  const perOrder = new Map<string, number>();
  for (const p of payments) perOrder.set(p.orderId, (perOrder.get(p.orderId) ?? 0) + 1);
  for (const [orderId, count] of perOrder) if (count !== 1) violations.push(`order ${orderId} holds ${count} succeeded payments`);
  if (perOrder.size !== orders) violations.push(`${perOrder.size} of ${orders} orders hold a succeeded payment`);
  for (const p of payments) if (!chargedKeys.has(p.providerIdempotencyKey)) violations.push(`payment of order ${p.orderId} has no succeeded gateway charge`);
  return violations;
}

async function checkStock(db: Db, { outcomes, stockBefore }: VerdictInput): Promise<string[]> {
  const violations: string[] = [];
  const items = await db.orderItem.findMany({ select: { orderId: true, productId: true, quantity: true } });
  const ordered = new Map<string, number>();
  for (const item of items) ordered.set(item.productId, (ordered.get(item.productId) ?? 0) + item.quantity);
  const planned = new Map<string, number>();
  for (const { plan } of outcomes) planned.set(plan.productId, (planned.get(plan.productId) ?? 0) + plan.quantity);
  for (const product of await db.product.findMany({ select: { id: true, stock: true } })) {
    const taken = (stockBefore.get(product.id) ?? product.stock) - product.stock;
    const inOrders = ordered.get(product.id) ?? 0;
    const wanted = planned.get(product.id) ?? 0;
    if (taken !== inOrders || inOrders !== wanted) violations.push(`${product.id}: stock went down by ${taken}, orders hold ${inOrders}, shoppers asked for ${wanted}`);
  }
  const byOrder = new Map<string, string>();
  for (const item of items) byOrder.set(item.orderId, `${byOrder.has(item.orderId) ? `${byOrder.get(item.orderId)},` : ''}${item.productId}×${item.quantity}`);
  for (const shopper of outcomes) {
    const lines = shopper.orderId === undefined ? undefined : byOrder.get(shopper.orderId);
    if (lines !== undefined && lines !== `${shopper.plan.productId}×${shopper.plan.quantity}`) violations.push(`shopper ${shopper.index}: order ${shopper.orderId} holds ${lines}, not what it asked for`);
  }
  return violations;
}

async function checkRecords(db: Db): Promise<string[]> {
  const stuck = await db.idempotencyRecord.findMany({ where: { status: 'IN_PROGRESS' }, select: { key: true, recoveryPoint: true, flaggedAt: true } });
  const lines = stuck.slice(0, 10).map((r) => `record ${r.key} is stuck IN_PROGRESS at ${r.recoveryPoint}${r.flaggedAt ? ' (flagged by the completer)' : ''}`);
  return stuck.length > 10 ? [...lines, `${stuck.length - 10} more records stuck IN_PROGRESS`] : lines;
}
