import { TRPCError } from '@trpc/server';

/** The shop's business error codes: stable, machine-readable, surfaced as `error.data.code`. */
export type ShopErrorCode =
  | 'SESSION_REQUIRED'
  | 'PRODUCT_NOT_FOUND'
  | 'ORDER_NOT_FOUND'
  | 'OUT_OF_STOCK'
  | 'CART_VERSION_STALE'
  | 'CART_EMPTY'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_PROVIDER_UNAVAILABLE'
  | 'OPERATOR_ACCESS_DISABLED'
  | 'OPERATOR_CREDENTIAL_REQUIRED'
  | 'GATEWAY_CHAOS_DISABLED';

/**
 * Every business code and the tRPC code (hence HTTP status) it is sent with. Exported so that the
 * OpenAPI document lists each code under its status without a second, hand-kept list.
 */
export const SHOP_ERROR_TRPC_CODES: Readonly<Record<ShopErrorCode, TRPCError['code']>> = {
  SESSION_REQUIRED: 'UNAUTHORIZED',
  PRODUCT_NOT_FOUND: 'NOT_FOUND',
  ORDER_NOT_FOUND: 'NOT_FOUND',
  OUT_OF_STOCK: 'UNPROCESSABLE_CONTENT',
  CART_VERSION_STALE: 'PRECONDITION_FAILED',
  CART_EMPTY: 'UNPROCESSABLE_CONTENT',
  PAYMENT_DECLINED: 'PAYMENT_REQUIRED',
  PAYMENT_PROVIDER_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  OPERATOR_ACCESS_DISABLED: 'FORBIDDEN',
  OPERATOR_CREDENTIAL_REQUIRED: 'UNAUTHORIZED',
  GATEWAY_CHAOS_DISABLED: 'FORBIDDEN',
};

/** Codes only the operator surfaces (`operatorProcedure`, /ops, `requireOperator`) answer with. */
export const OPERATOR_ERROR_CODES: ReadonlySet<ShopErrorCode> = new Set(['OPERATOR_ACCESS_DISABLED', 'OPERATOR_CREDENTIAL_REQUIRED', 'GATEWAY_CHAOS_DISABLED']);

/** Codes whose request may succeed when repeated unchanged: the cause was transient. */
const RETRYABLE: ReadonlySet<ShopErrorCode> = new Set(['PAYMENT_PROVIDER_UNAVAILABLE']);

/**
 * The `cause` of a business error: a coded error (`code` + `retryable`, optional JSON `details`
 * such as the current cart), which the error formatter surfaces in `error.data`. Deterministic
 * ones are stored and replayed for an idempotent request.
 */
export class ShopError extends Error {
  override readonly name = 'ShopError' as const;
  readonly retryable: boolean;
  constructor(
    readonly code: ShopErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.retryable = RETRYABLE.has(code);
  }
}

export function shopError(code: ShopErrorCode, message: string, details?: Record<string, unknown>): TRPCError {
  return new TRPCError({ code: SHOP_ERROR_TRPC_CODES[code], message, cause: new ShopError(code, message, details) });
}
