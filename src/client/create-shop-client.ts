import { createTRPCClient } from '@trpc/client';
import { idempotencyLink, idempotentHttpBatchLink, webStorage, type IdempotencyMonitor } from '@idem/trpc-link';
import type { AppRouter } from '~/server/root';
import { chaosFetch } from './chaos/chaos-fetch';

/**
 * The link chain: `idempotencyLink` first (one key per mutation, journaled in localStorage so a
 * reload mid-payment reuses it; retries with backoff), above the ready-wired batch link that sends
 * each operation's key in the batch's `Idempotency-Key` list and confirms it went out — without
 * that confirmation the link refuses to retry. `chaosFetch` sits under everything, where a real
 * network would fail. Returns the link too: its journal is where the checkout finds a payment a
 * reload interrupted.
 */
export function createShopClient(monitor: IdempotencyMonitor) {
  const link = idempotencyLink<AppRouter>({ monitor, storage: webStorage() });
  const client = createTRPCClient<AppRouter>({ links: [link, idempotentHttpBatchLink({ url: '/api/trpc', fetch: chaosFetch })] });
  return { client, link };
}
