import { httpBatchLink, createTRPCClient } from '@trpc/client';
import { idempotencyHeaders, idempotencyLink, webStorage, type IdempotencyMonitor } from '@idem/trpc-link';
import type { AppRouter } from '~/server/root';
import { chaosFetch } from './chaos/chaos-fetch';

/**
 * The link chain: `idempotencyLink` first (one key per mutation, journaled in localStorage so a
 * reload mid-payment reuses it; retries with backoff), above the batch link that sends each
 * operation's key in the batch's `Idempotency-Key` list. `chaosFetch` sits under everything, where
 * a real network would fail.
 */
export function createShopClient(monitor: IdempotencyMonitor) {
  return createTRPCClient<AppRouter>({
    links: [
      idempotencyLink({ monitor, storage: webStorage() }),
      httpBatchLink({
        url: '/api/trpc',
        headers: ({ opList }) => idempotencyHeaders(opList),
        fetch: chaosFetch,
      }),
    ],
  });
}
