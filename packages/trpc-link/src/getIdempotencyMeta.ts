import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import type { IdempotencyResultMeta } from './IdempotencyResultMeta.js';

const STOPPED_BY = new Set<string>([
  'aborted',
  'unknown-error',
  'client-error',
  'server-final',
  'not-retryable',
  'declined',
  'max-attempts',
  'deadline',
  'key-not-sent',
  'scope-changed',
]);

/**
 * The link's account of a failed mutation — its key, attempts, why it stopped, and whether the
 * outcome is known — or `undefined` for an error the link did not produce (a query's, a thrown
 * bug's). Typed and checked, unlike `error.meta.idempotency` (tRPC types `meta` as unknown values).
 *
 * @example if (getIdempotencyMeta(error)?.outcome === 'unknown') showTryAgain()
 */
export function getIdempotencyMeta(error: unknown): IdempotencyErrorMeta | undefined {
  const meta = field(field(error, 'meta'), 'idempotency') as Partial<IdempotencyErrorMeta> | undefined;
  if (typeof meta?.key !== 'string' || typeof meta.attempts !== 'number') return undefined;
  if (typeof meta.stoppedBy !== 'string' || !STOPPED_BY.has(meta.stoppedBy)) return undefined;
  if (meta.outcome !== 'known' && meta.outcome !== 'unknown') return undefined;
  return { key: meta.key, attempts: meta.attempts, stoppedBy: meta.stoppedBy, outcome: meta.outcome };
}

/**
 * The key a successful mutation used, from its result envelope (or the envelope's `context`), for
 * links above `idempotencyLink`: `undefined` when the link did not handle the operation.
 *
 * @example next(op).pipe(tap({ next: (envelope) => log(getIdempotencyResultMeta(envelope)?.key) }))
 */
export function getIdempotencyResultMeta(envelopeOrContext: unknown): IdempotencyResultMeta | undefined {
  const context = field(envelopeOrContext, 'context') ?? envelopeOrContext;
  const meta = field(context, 'idempotency') as Partial<IdempotencyResultMeta> | undefined;
  if (typeof meta?.key !== 'string' || typeof meta.attempts !== 'number' || typeof meta.replayed !== 'boolean') return undefined;
  return { key: meta.key, attempts: meta.attempts, replayed: meta.replayed };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
