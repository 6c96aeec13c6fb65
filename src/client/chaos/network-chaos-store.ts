import { z } from 'zod';

/** Trouble the browser makes on purpose, so a visitor can watch idempotency work. */
const networkChaosSchema = z.object({
  /**
   * How many responses of each keyed mutation to lose *after* the server processed them: its first
   * N attempts fail as if the connection dropped on the way back. 0 turns it off.
   */
  dropResponses: z.int().min(0).max(5),
  /** Added before every API request, in ms. */
  latencyMs: z.int().min(0).max(10_000),
});

export type NetworkChaos = z.infer<typeof networkChaosSchema>;

export const NO_CHAOS: NetworkChaos = Object.freeze({ dropResponses: 0, latencyMs: 0 });

/** The localStorage item; tabs of the shop share it. */
export const NETWORK_CHAOS_STORAGE_KEY = 'idem:network-chaos';

const listeners = new Set<() => void>();
let cached: { raw: string | null; value: NetworkChaos } = { raw: null, value: NO_CHAOS };

/** The current settings; the same object until they change (for `useSyncExternalStore`). */
export function readNetworkChaos(): NetworkChaos {
  let raw: string | null = null;
  try {
    raw = globalThis.localStorage?.getItem(NETWORK_CHAOS_STORAGE_KEY) ?? null;
  } catch {
    return NO_CHAOS; // storage disabled: no chaos
  }
  if (raw !== cached.raw) cached = { raw, value: parse(raw) };
  return cached.value;
}

export function writeNetworkChaos(next: NetworkChaos): void {
  const value = networkChaosSchema.parse(next);
  localStorage.setItem(NETWORK_CHAOS_STORAGE_KEY, JSON.stringify(value));
  for (const listener of [...listeners]) listener();
}

/** Calls `listener` when the settings change, in this tab or another. */
export function subscribeNetworkChaos(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => event.key === NETWORK_CHAOS_STORAGE_KEY && listener();
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function parse(raw: string | null): NetworkChaos {
  if (raw === null) return NO_CHAOS;
  try {
    return networkChaosSchema.parse(JSON.parse(raw));
  } catch {
    return NO_CHAOS; // a corrupt item is as good as none
  }
}
