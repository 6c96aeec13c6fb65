import type { IdempotencyHooks } from '../IdempotencyHooks.js';

/** Calls one hook; a hook that throws is reported and never changes the response. */
export function fireHook<K extends keyof IdempotencyHooks>(hooks: IdempotencyHooks | undefined, name: K, event: Parameters<NonNullable<IdempotencyHooks[K]>>[0]): void {
  try {
    (hooks?.[name] as ((e: typeof event) => void) | undefined)?.(event);
  } catch (error) {
    console.error(`@idem/trpc-server: the ${name} hook threw`, error);
  }
}
