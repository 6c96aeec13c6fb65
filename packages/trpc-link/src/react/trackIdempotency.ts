import { getIdempotencyMeta } from '../getIdempotencyMeta.js';
import type { IdempotencyContext } from '../IdempotencyContext.js';
import type { IdempotencyState } from './IdempotencyState.js';

/** Applies a change to the hook's idempotency state (ignored once a newer call started). */
export type IdempotencyStateUpdate = (next: (previous: IdempotencyState) => IdempotencyState) => void;

/**
 * Runs one call of a mutation with a tRPC context whose listeners report its key, attempts,
 * retries and replays through `update`, and records how it ended: `unknown` when the link says
 * the outcome is unknown, `settled` otherwise. Resolves or rejects as the call does.
 */
export async function trackIdempotency<TData>(send: (context: IdempotencyContext) => Promise<TData>, update: IdempotencyStateUpdate): Promise<TData> {
  const context: IdempotencyContext = {
    onAttempt: ({ key, attempt, maxAttempts, resumed }) =>
      update((previous) => ({ ...previous, key, attempt, maxAttempts, resumed: attempt === 1 ? resumed : previous.resumed, retryAt: previous.retryAt })),
    onRetry: (retry) => update((previous) => ({ ...previous, status: 'retrying', retry, retryAt: retry.retryAt })),
    onReplay: () => update((previous) => ({ ...previous, replayed: true })),
  };
  try {
    const data = await send(context);
    update((previous) => ({ ...previous, status: 'settled', retry: undefined, retryAt: undefined }));
    return data;
  } catch (error) {
    const meta = getIdempotencyMeta(error);
    update((previous) => ({
      ...previous,
      status: meta?.outcome === 'unknown' ? 'unknown' : 'settled',
      key: meta?.key ?? previous.key,
      attempt: meta?.attempts ?? previous.attempt,
      retry: undefined,
      retryAt: undefined,
    }));
    throw error;
  }
}
