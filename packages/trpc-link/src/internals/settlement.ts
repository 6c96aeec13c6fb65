import type { IdempotencyErrorMeta } from '../IdempotencyErrorMeta.js';
import type { IdempotencyResultMeta } from '../IdempotencyResultMeta.js';

/**
 * How an operation ended, with what the caller receives. The journal's action follows from it
 * (`journalActionOf`), so the two can never disagree.
 *
 * - `success`: the server answered 2xx (`envelope` is the last attempt's result, if it sent one).
 * - `error`: a final error or retries that stopped; `meta.outcome` says whether the answer is known.
 * - `cancelled`: the signal aborted while waiting to retry; the outcome is unknown.
 */
export type Settlement<TEnvelope> =
  | { outcome: 'success'; envelope: TEnvelope | undefined; meta: IdempotencyResultMeta }
  | { outcome: 'error'; error: unknown; meta: IdempotencyErrorMeta }
  | { outcome: 'cancelled'; error: unknown; meta: IdempotencyErrorMeta & { outcome: 'unknown' } };

/**
 * What the journal does with the operation's key. Only a known outcome (a success, a definitive
 * error) `forget`s it; an unknown one (a 5xx, a lost response, however the retries ended, a
 * cancellation) `release`s it: the entry stays for the next identical mutation.
 */
export function journalActionOf(settlement: Settlement<unknown>): 'forget' | 'release' {
  return settlement.outcome === 'success' || settlement.meta.outcome === 'known' ? 'forget' : 'release';
}
