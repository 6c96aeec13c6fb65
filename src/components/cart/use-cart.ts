'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/client/trpc';
import type { Cart } from '~/client/shop-types';

/** The session's cart, shared by every component; `initialCart` is what the server rendered. */
export function useCart(initialCart?: Cart) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.cart.get.queryOptions(), initialData: initialCart });
}
