import type { Db } from '../db/create-db';
import type { ChargeRequest, ChargeResult, PaymentGateway } from './payment-gateway';

/** Test tokens, named as Stripe names them where Stripe has one. */
const DECLINES: Record<string, string> = {
  tok_chargeDeclined: 'generic_decline',
  tok_chargeDeclinedInsufficientFunds: 'insufficient_funds',
};

/**
 * A payment provider that behaves like a real one: it keeps its own ledger (the gateway_charges
 * table, written outside the shop's transactions, as an external system's would be) and honours
 * idempotency keys itself — a repeated key returns the first charge, never a second one.
 */
export function simulatedGateway(db: Db): PaymentGateway {
  return {
    name: 'simulated',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const existing = await db.gatewayCharge.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
      if (existing) return toResult(existing);
      const declineCode = DECLINES[request.token] ?? null;
      try {
        const charge = await db.gatewayCharge.create({
          data: { ...request, status: declineCode ? 'declined' : 'succeeded', declineCode },
        });
        return toResult(charge);
      } catch (error) {
        // A concurrent request with the same key won the insert: answer with its charge.
        if ((error as { code?: string }).code !== 'P2002') throw error;
        return toResult(await db.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } }));
      }
    },
  };
}

function toResult(charge: { id: string; status: string; declineCode: string | null }): ChargeResult {
  return charge.status === 'succeeded'
    ? { status: 'succeeded', chargeId: charge.id }
    : { status: 'declined', chargeId: charge.id, declineCode: charge.declineCode ?? 'generic_decline' };
}
