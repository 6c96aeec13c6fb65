'use client';
import { createContext, useContext } from 'react';
import { createIdempotencyMonitor, type IdempotencyMonitor } from '@idem/trpc-link';

/** The link's monitor, so any component can show the operations that are retrying. */
export const IdempotencyMonitorContext = createContext<IdempotencyMonitor>(createIdempotencyMonitor());

export function useIdempotencyMonitor(): IdempotencyMonitor {
  return useContext(IdempotencyMonitorContext);
}
