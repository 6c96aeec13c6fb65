'use client';
import { createContext, useContext } from 'react';
import type { IdempotencyLink } from '@idem/trpc-link';
import type { AppRouter } from '~/server/root';

/** The shop client's `idempotencyLink`: its journal lists and forgets pending payments. */
export const IdempotencyLinkContext = createContext<IdempotencyLink<AppRouter> | null>(null);

/** The link of the page's tRPC client; throws outside `TRPCReactProvider` rather than act on another journal. */
export function useIdempotencyLink(): IdempotencyLink<AppRouter> {
  const link = useContext(IdempotencyLinkContext);
  if (!link) throw new Error('useIdempotencyLink() needs TRPCReactProvider above it.');
  return link;
}
