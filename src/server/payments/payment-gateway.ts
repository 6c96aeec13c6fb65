/** A charge request. The gateway honours `idempotencyKey` itself: the same key never charges twice. */
export interface ChargeRequest {
  idempotencyKey: string;
  /** A card token; see the simulated gateway for the test tokens. */
  token: string;
  amountCents: number;
  currency: string;
}

export type ChargeResult =
  | { status: 'succeeded'; chargeId: string }
  | { status: 'declined'; chargeId: string; declineCode: string };

/** Thrown when the gateway could not be reached or failed: the outcome is unknown, retry with the same key. */
export class PaymentGatewayUnavailableError extends Error {
  override readonly name = 'PaymentGatewayUnavailableError' as const;
}

/**
 * Checks the name, not the prototype: Next.js bundles the API route and the pages separately, and an
 * error made by one bundle's copy of the class is not an `instanceof` the other's.
 */
export function isPaymentGatewayUnavailable(error: unknown): error is PaymentGatewayUnavailableError {
  return error instanceof Error && error.name === 'PaymentGatewayUnavailableError';
}

/** A payment provider, seen from the shop. */
export interface PaymentGateway {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}
