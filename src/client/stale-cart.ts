import { z } from 'zod';
import type { Cart } from './shop-types';
import type { ShopErrorInfo } from './shop-error';

const cartSchema = z.object({
  version: z.int(),
  currency: z.literal('USD'),
  totalCents: z.int(),
  items: z.array(
    // imageUrl: absent from a 412 stored before cart lines carried images.
    z.object({ productId: z.string(), name: z.string(), imageUrl: z.string().nullable().default(null), unitPriceCents: z.int(), quantity: z.int(), lineTotalCents: z.int(), stock: z.int() }),
  ),
}) satisfies z.ZodType<Cart>;

const staleCartDetails = z.object({ cart: cartSchema });

/** The current cart carried by a 412 `CART_VERSION_STALE`, or `null` for any other error. */
export function staleCartOf(error: ShopErrorInfo): Cart | null {
  if (error.code !== 'CART_VERSION_STALE') return null;
  const parsed = staleCartDetails.safeParse(error.details);
  return parsed.success ? parsed.data.cart : null;
}
