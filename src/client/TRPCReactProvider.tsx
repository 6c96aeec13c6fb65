'use client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createIdempotencyMonitor } from '@idem/trpc-link';
import { useState, type ReactNode } from 'react';
import { createShopClient } from './create-shop-client';
import { IdempotencyLinkContext } from './idempotency-link-context';
import { IdempotencyMonitorContext } from './idempotency-monitor-context';
import { makeQueryClient } from './make-query-client';
import { TRPCProvider } from './trpc';

/** TanStack Query + tRPC for the browser, created once per page load (never shared between requests on the server). */
export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [monitor] = useState(createIdempotencyMonitor);
  const [queryClient] = useState(makeQueryClient);
  const [{ client, link }] = useState(() => createShopClient(monitor));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <IdempotencyLinkContext value={link}>
          <IdempotencyMonitorContext value={monitor}>{children}</IdempotencyMonitorContext>
        </IdempotencyLinkContext>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
