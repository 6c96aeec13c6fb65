'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { shopErrorOf } from '~/client/shop-error';
import type { Cart } from '~/client/shop-types';
import { staleCartOf } from '~/client/stale-cart';
import { useTRPC } from '~/client/trpc';

/** How a quantity change ended. `stale`: someone else changed the cart first; it now shows theirs. */
export type CartUpdateOutcome = { kind: 'updated'; cart: Cart } | { kind: 'stale'; cart: Cart } | { kind: 'failed'; message: string };

/**
 * Sets a line of the cart to an absolute quantity, conditional on the cart version this tab last
 * saw (`expectedVersion`). The link keys every edit, so a retry after a lost response gets the
 * stored answer of the edit that landed. A 412 carries the current cart, which replaces ours; when
 * that cart already holds the quantity asked for (another tab set the same), it counts as updated.
 */
export function useSetCartQuantity() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cartKey = trpc.cart.get.queryKey();
  const mutation = useMutation(trpc.cart.setItemQuantity.mutationOptions());

  async function setQuantity(productId: string, quantity: number): Promise<CartUpdateOutcome> {
    const expectedVersion = queryClient.getQueryData<Cart>(cartKey)?.version ?? 0;
    try {
      const cart = await mutation.mutateAsync({ productId, quantity, expectedVersion });
      queryClient.setQueryData(cartKey, cart);
      return { kind: 'updated', cart };
    } catch (caught) {
      const error = shopErrorOf(caught);
      const current = staleCartOf(error);
      if (!current) return { kind: 'failed', message: error.message };
      queryClient.setQueryData(cartKey, current);
      const landed = (current.items.find((item) => item.productId === productId)?.quantity ?? 0) === quantity;
      return { kind: landed ? 'updated' : 'stale', cart: current };
    }
  }

  return { setQuantity, isPending: mutation.isPending };
}
