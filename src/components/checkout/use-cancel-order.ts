'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useIdempotentMutation } from '@idem/trpc-link/react';
import { useRouter } from 'next/navigation';
import { useIdempotencyLink } from '~/client/idempotency-link-context';
import { useTRPC, useTRPCClient } from '~/client/trpc';

/**
 * Gives up on an order awaiting payment (`checkout.cancelOrder`, keyed like every mutation): its
 * lines go back into the cart and its stock back on the shelf; then the cart opens. After an
 * unknown outcome, pressing again sends the same input, which the journal gives the same key.
 */
export function useCancelOrder() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const link = useIdempotencyLink();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useIdempotentMutation({
    link,
    mutationKey: ['checkout', 'cancel-order'],
    mutationFn: (input: { orderId: string }, context) => client.checkout.cancelOrder.mutate(input, { context }),
    onSuccess: async () => {
      // The cart the page opens on: read after the cancellation committed, so it holds the lines
      // (a failed read only marks it stale — the cancellation itself went through).
      await queryClient.fetchQuery({ ...trpc.cart.get.queryOptions(), staleTime: 0 }).catch(() => queryClient.invalidateQueries(trpc.cart.get.queryFilter()));
      router.push('/cart');
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries(trpc.checkout.screen.queryFilter()),
        queryClient.invalidateQueries(trpc.catalog.list.queryFilter()),
        queryClient.invalidateQueries(trpc.orders.list.queryFilter()),
      ]);
    },
  });
}
