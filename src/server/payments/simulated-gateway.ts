import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import { withCircuitBreaker } from './circuit-breaker-gateway';
import { getGatewayChaos } from './gateway-chaos';
import { PaymentGatewayUnavailableError, type ChargeRequest, type ChargeResult, type PaymentGateway } from './payment-gateway';

/** Test tokens, named as Stripe names them where Stripe has one. */
const DECLINES: Record<string, string> = {
  tok_chargeDeclined: 'generic_decline',
  tok_chargeDeclinedInsufficientFunds: 'insufficient_funds',
};
/** Approves after this long. */
const SLOW_TOKEN_MS = 2_000;

export interface SimulatedGatewayOptions {
  /** @default Math.random */
  random?: () => number;
  /** @default setTimeout-based */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A payment provider that behaves like a real one: it keeps its own ledger (the gateway_charges
 * table, written outside the shop's transactions, as an external system's would be) and honours
 * idempotency keys itself — a repeated key returns the first charge, never a second one.
 *
 * Test tokens: `tok_visa` approves; `tok_chargeDeclined`, `tok_chargeDeclinedInsufficientFunds`
 * decline; `tok_slow` approves after 2 s; `tok_failThenSucceed` records the charge but loses the
 * first answer for each key (the shop sees the provider as unavailable), then answers.
 */
export function simulatedGateway(db: Db, options: SimulatedGatewayOptions = {}): PaymentGateway {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const failedOnce = new Set<string>();

  return {
    name: 'simulated',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const chaos = getGatewayChaos();
      const delay = chaos.latencyMs + (request.token === 'tok_slow' ? SLOW_TOKEN_MS : 0);
      if (delay > 0) await sleep(delay);
      const result = await recordCharge(db, request);
      const loseAnswer = (request.token === 'tok_failThenSucceed' && !failedOnce.has(request.idempotencyKey)) || random() < chaos.failureRate;
      if (loseAnswer) {
        failedOnce.add(request.idempotencyKey);
        throw new PaymentGatewayUnavailableError('The payment provider did not answer.');
      }
      return result;
    },
  };
}

/** The charge for this key: the existing one, or a new one. */
async function recordCharge(db: Db, request: ChargeRequest): Promise<ChargeResult> {
  const existing = await db.gatewayCharge.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
  if (existing) return toResult(existing);
  // Own properties only: a token named like an Object.prototype member (toString) is no decline code.
  const declineCode = Object.hasOwn(DECLINES, request.token) ? (DECLINES[request.token] ?? null) : null;
  try {
    return toResult(await db.gatewayCharge.create({ data: { ...request, status: declineCode ? 'declined' : 'succeeded', declineCode } }));
  } catch (error) {
    // A concurrent request with the same key won the insert: answer with its charge.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return toResult(await db.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } }));
  }
}

function toResult(charge: { id: string; status: string; declineCode: string | null }): ChargeResult {
  return charge.status === 'succeeded'
    ? { status: 'succeeded', chargeId: charge.id }
    : { status: 'declined', chargeId: charge.id, declineCode: charge.declineCode ?? 'generic_decline' };
}

const gateways = new WeakMap<Db, PaymentGateway>();

/**
 * The one simulated gateway of a database (its memory of lost answers lives as long as the process),
 * behind this process's circuit breaker (PAYMENT_BREAKER_FAILURES, PAYMENT_BREAKER_HALF_OPEN_MS).
 */
export function simulatedGatewayFor(db: Db): PaymentGateway {
  let gateway = gateways.get(db);
  if (!gateway) {
    const env = readServerEnv();
    gateway = withCircuitBreaker(simulatedGateway(db), { failures: env.PAYMENT_BREAKER_FAILURES, halfOpenAfterMs: env.PAYMENT_BREAKER_HALF_OPEN_MS });
    gateways.set(db, gateway);
  }
  return gateway;
}
