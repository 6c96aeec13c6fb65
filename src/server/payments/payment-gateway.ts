/** A charge request. The gateway honours `idempotencyKey` itself: the same key never charges twice. */
export interface ChargeRequest {
  idempotencyKey: string;
  /** A card token; see the simulated gateway for the test tokens. */
  token: string;
  amountCents: number;
  currency: string;
}

/** The card a charge was made on, as a receipt shows it. */
export interface ChargedCard {
  /** e.g. "Visa". */
  brand: string;
  last4: string;
}

/**
 * The provider's answer. `invalid_token`: it did not know the card token and charged nothing (as
 * Stripe answers an unknown token with a request error, not a decline) — the shop records the
 * attempt as declined with `invalid_token` and the order stays payable.
 */
export type ChargeResult =
  | { status: 'succeeded'; chargeId: string; card?: ChargedCard }
  | { status: 'declined'; chargeId: string; declineCode: string; card?: ChargedCard }
  | { status: 'invalid_token' };

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
