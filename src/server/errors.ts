import { CodedError } from '@idem/trpc-server';
import { TRPCError } from '@trpc/server';

/**
 * The shop's business errors, the one table: each stable code (`error.data.code`) with the tRPC
 * code it is sent with (hence its HTTP status), whether the same request may succeed when
 * repeated unchanged, and whether only the operator surfaces answer with it. The OpenAPI document
 * derives its error lists from here.
 */
export const SHOP_ERRORS = {
  SESSION_REQUIRED: { trpcCode: 'UNAUTHORIZED', retryable: false },
  // A new order needs the shopper's contact and shipping address.
  CHECKOUT_DETAILS_REQUIRED: { trpcCode: 'BAD_REQUEST', retryable: false },
  PRODUCT_NOT_FOUND: { trpcCode: 'NOT_FOUND', retryable: false },
  ORDER_NOT_FOUND: { trpcCode: 'NOT_FOUND', retryable: false },
  OUT_OF_STOCK: { trpcCode: 'UNPROCESSABLE_CONTENT', retryable: false },
  CART_VERSION_STALE: { trpcCode: 'PRECONDITION_FAILED', retryable: false },
  CART_EMPTY: { trpcCode: 'UNPROCESSABLE_CONTENT', retryable: false },
  PAYMENT_DECLINED: { trpcCode: 'PAYMENT_REQUIRED', retryable: false },
  // The provider did not know the card token and charged nothing. 402, like a decline (not 400): the
  // request was well formed, the order exists and stays payable, and the fix is another card.
  PAYMENT_TOKEN_INVALID: { trpcCode: 'PAYMENT_REQUIRED', retryable: false },
  // Paid, cancelled, or another payment attempt is being charged right now.
  ORDER_NOT_PAYABLE: { trpcCode: 'CONFLICT', retryable: false },
  // Paid, cancelled already, or a payment attempt is being charged right now.
  ORDER_NOT_CANCELLABLE: { trpcCode: 'CONFLICT', retryable: false },
  // The order had its limit of payment attempts (a stop to card testing): cancel it and check out again.
  PAYMENT_ATTEMPTS_EXHAUSTED: { trpcCode: 'CONFLICT', retryable: false },
  PAYMENT_PROVIDER_UNAVAILABLE: { trpcCode: 'SERVICE_UNAVAILABLE', retryable: true },
  // Backpressure and degradation: nothing is stored for a 503, so the key stays resumable.
  PAYMENT_PROVIDER_CIRCUIT_OPEN: { trpcCode: 'SERVICE_UNAVAILABLE', retryable: true },
  SERVER_BUSY: { trpcCode: 'SERVICE_UNAVAILABLE', retryable: true },
  SERVER_SHUTTING_DOWN: { trpcCode: 'SERVICE_UNAVAILABLE', retryable: true },
  REQUEST_TIMED_OUT: { trpcCode: 'SERVICE_UNAVAILABLE', retryable: true },
  DATABASE_UNAVAILABLE: { trpcCode: 'SERVICE_UNAVAILABLE', retryable: true },
  OPERATOR_ACCESS_DISABLED: { trpcCode: 'FORBIDDEN', retryable: false, operator: true },
  OPERATOR_CREDENTIAL_REQUIRED: { trpcCode: 'UNAUTHORIZED', retryable: false, operator: true },
  GATEWAY_CHAOS_DISABLED: { trpcCode: 'FORBIDDEN', retryable: false, operator: true },
} as const satisfies Record<string, { trpcCode: TRPCError['code']; retryable: boolean; operator?: true }>;

/** The shop's business error codes: stable, machine-readable, surfaced as `error.data.code`. */
export type ShopErrorCode = keyof typeof SHOP_ERRORS;

/** Whether only the operator surfaces (`operatorProcedure`, /ops, `requireOperator`) answer with `code`. */
export function isOperatorErrorCode(code: string): boolean {
  return code in SHOP_ERRORS && 'operator' in SHOP_ERRORS[code as ShopErrorCode];
}

/**
 * The `cause` of a business error: a coded error (`@idem/trpc-server`'s contract: `code`,
 * `retryable`, optional JSON `details` such as the current cart), which the error formatter surfaces
 * in `error.data`. Deterministic ones are stored and replayed for an idempotent request.
 */
export class ShopError extends CodedError<ShopErrorCode> {
  override readonly name = 'ShopError' as const;
  constructor(code: ShopErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, SHOP_ERRORS[code].retryable, details);
  }
}

export function shopError(code: ShopErrorCode, message: string, details?: Record<string, unknown>): TRPCError {
  return new TRPCError({ code: SHOP_ERRORS[code].trpcCode, message, cause: new ShopError(code, message, details) });
}
