'use client';
import { useSyncExternalStore } from 'react';
import { NO_CHAOS, readNetworkChaos, subscribeNetworkChaos, writeNetworkChaos, type NetworkChaos } from './network-chaos-store';

/** The visitor's network chaos settings and a setter; off during server rendering. */
export function useNetworkChaos(): [NetworkChaos, (next: NetworkChaos) => void] {
  const chaos = useSyncExternalStore(subscribeNetworkChaos, readNetworkChaos, () => NO_CHAOS);
  return [chaos, writeNetworkChaos];
}
