import { QueryClient } from '@tanstack/react-query';
import { shopErrorOf } from './shop-error';

/**
 * The browser's QueryClient. Mutations never retry here: `idempotencyLink` is the one layer that
 * retries them, with the same key on every attempt (two layers would multiply attempts). Queries
 * are reads; one quick retry smooths over a dropped GET, but a 4xx answer is final.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 1 && !isClientError(error),
        staleTime: 10_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: 0 },
    },
  });
}

function isClientError(error: unknown): boolean {
  const status = shopErrorOf(error).httpStatus;
  return status !== null && status >= 400 && status < 500;
}
