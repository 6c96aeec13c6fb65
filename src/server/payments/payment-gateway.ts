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

/** A payment provider, seen from the shop. */
export interface PaymentGateway {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}
