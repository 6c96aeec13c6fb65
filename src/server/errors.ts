import { TRPCError } from '@trpc/server';

/** The shop's business error codes: stable, machine-readable, surfaced as `error.data.code`. */
export type ShopErrorCode = 'PRODUCT_NOT_FOUND' | 'OUT_OF_STOCK' | 'EMPTY_ORDER';

const TRPC_CODE_OF: Record<ShopErrorCode, TRPCError['code']> = {
  PRODUCT_NOT_FOUND: 'NOT_FOUND',
  OUT_OF_STOCK: 'UNPROCESSABLE_CONTENT',
  EMPTY_ORDER: 'BAD_REQUEST',
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
  return new TRPCError({ code: TRPC_CODE_OF[code], message, cause: new ShopError(code, message) });
}
