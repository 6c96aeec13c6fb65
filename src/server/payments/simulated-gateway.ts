import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import { testCardFor, type TestCard } from '~/shared/test-cards';
import { withCircuitBreaker } from './circuit-breaker-gateway';
import { getGatewayChaos } from './gateway-chaos';
import { PaymentGatewayUnavailableError, type ChargeRequest, type ChargeResult, type PaymentGateway } from './payment-gateway';

/** `approves_slowly` approves after this long. */
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
 * It knows its tokens (`TEST_CARDS`, src/shared/test-cards.ts): `tok_visa` and `tok_mastercard`
 * approve; `tok_chargeDeclined`, `tok_chargeDeclinedInsufficientFunds` decline; `tok_slow` approves
 * after 2 s; `tok_failThenSucceed` records the charge but loses the first answer for each key (the
 * shop sees the provider as unavailable), then answers. Any other token is refused as Stripe refuses
 * one: `invalid_token`, nothing recorded, nothing charged. Each answer names the card's brand and
 * last four digits.
 */
export function simulatedGateway(db: Db, options: SimulatedGatewayOptions = {}): PaymentGateway {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const failedOnce = new Set<string>();

  return {
    name: 'simulated',
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      const chaos = getGatewayChaos();
      const card = testCardFor(request.token);
      const delay = chaos.latencyMs + (card?.outcome === 'approves_slowly' ? SLOW_TOKEN_MS : 0);
      if (delay > 0) await sleep(delay);
      // Refused before anything is recorded: an unknown token charges nothing, whatever the key.
      if (!card) return { status: 'invalid_token' };
      const result = await recordCharge(db, request, card);
      const loseAnswer = (card.outcome === 'loses_first_answer' && !failedOnce.has(request.idempotencyKey)) || random() < chaos.failureRate;
      if (loseAnswer) {
        failedOnce.add(request.idempotencyKey);
        throw new PaymentGatewayUnavailableError('The payment provider did not answer.');
      }
      return result;
    },
  };
}

/** The charge for this key: the existing one, or a new one on `card`. */
async function recordCharge(db: Db, request: ChargeRequest, card: TestCard): Promise<ChargeResult> {
  const existing = await db.gatewayCharge.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
  if (existing) return toResult(existing, card);
  const declineCode = card.outcome === 'declines' ? card.declineCode : null;
  try {
    return toResult(await db.gatewayCharge.create({ data: { ...request, status: declineCode ? 'declined' : 'succeeded', declineCode } }), card);
  } catch (error) {
    // A concurrent request with the same key won the insert: answer with its charge.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return toResult(await db.gatewayCharge.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } }), card);
  }
}

function toResult(charge: { id: string; status: string; declineCode: string | null }, { brand, last4 }: TestCard): ChargeResult {
  return charge.status === 'succeeded'
    ? { status: 'succeeded', chargeId: charge.id, card: { brand, last4 } }
    : { status: 'declined', chargeId: charge.id, declineCode: charge.declineCode ?? 'generic_decline', card: { brand, last4 } };
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
