import { TRPCError } from '@trpc/server';

/** The shop's business error codes: stable, machine-readable, surfaced as `error.data.code`. */
export type ShopErrorCode = 'SESSION_REQUIRED' | 'PRODUCT_NOT_FOUND' | 'OUT_OF_STOCK' | 'PAYMENT_DECLINED';

/**
 * Every business code and the tRPC code (hence HTTP status) it is sent with. Exported so that the
 * OpenAPI document lists each code under its status without a second, hand-kept list.
 */
export const SHOP_ERROR_TRPC_CODES: Readonly<Record<ShopErrorCode, TRPCError['code']>> = {
  SESSION_REQUIRED: 'UNAUTHORIZED',
  PRODUCT_NOT_FOUND: 'NOT_FOUND',
  OUT_OF_STOCK: 'UNPROCESSABLE_CONTENT',
  PAYMENT_DECLINED: 'PAYMENT_REQUIRED',
};

/** The `cause` of a business error. Deterministic: stored and replayed for an idempotent request. */
export class ShopError extends Error {
  override readonly name = 'ShopError' as const;
  readonly retryable = false;
  constructor(
    readonly code: ShopErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function shopError(code: ShopErrorCode, message: string): TRPCError {
  return new TRPCError({ code: SHOP_ERROR_TRPC_CODES[code], message, cause: new ShopError(code, message) });
}
