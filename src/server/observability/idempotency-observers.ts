import { trace } from '@opentelemetry/api';
import type { CompleterEvent, IdempotencyEvent, IdempotencyHooks } from '@idem/trpc-server';
import type { Logger } from './logger';
import { metrics, type IdempotencyOutcome } from './metrics';
import { currentLog, principalHash, requestScopes } from './request-scope';

/**
 * The idempotency middleware's hooks, as logs, metrics and span events: each outcome is one log
 * line (with the request's id, trace id and attempt, from the request scope), one increment of
 * `idem_idempotency_outcomes_total{outcome}`, and an event on the procedure's span.
 */
export const idempotencyObservers: IdempotencyHooks = {
  onExecuted: (event) => observe('executed', event, { status: event.status, result: event.outcome }),
  onReplayed: (event) => observe('replayed', event, { status: event.status }),
  onConflict: (event) => observe('conflict', event, { status: 409 }),
  onMismatch: (event) => observe('mismatch', event, { status: 422 }),
  onTakeover: (event) => observe('takeover', event),
  onRecovered: (event) => observe('recovered', event, { status: event.status }),
  onLockLost: (event) => observe('lock_lost', event),
};

/** Unexpected for a healthy system: worth a warning rather than an info line. */
const WARN: ReadonlySet<IdempotencyOutcome> = new Set(['takeover', 'lock_lost', 'completer_failed', 'completer_flagged', 'completer_error']);

function observe(outcome: IdempotencyOutcome, event: IdempotencyEvent, extra: Record<string, unknown> = {}): void {
  metrics.outcomes.inc({ outcome });
  const scope = requestScopes.getStore();
  scope?.outcomes.push(outcome);
  scope?.keys.push(event.key);
  trace.getActiveSpan()?.addEvent(`idempotency.${outcome}`, { 'idempotency.key': event.key, ...(event.recoveryPoint ? { 'idempotency.recovery_point': event.recoveryPoint } : {}) });
  const line = {
    event: 'idempotency',
    outcome,
    procedure: event.procedure,
    key: event.key,
    principal: principalHash(event.scope),
    ...(event.recoveryPoint ? { recoveryPoint: event.recoveryPoint } : {}),
    ...extra,
    ...(scope ? { durationMs: Math.round(performance.now() - scope.startedAt) } : {}),
  };
  currentLog()[WARN.has(outcome) ? 'warn' : 'info'](line, `idempotency ${outcome}`);
}

/**
 * The completer's `onEvent` as logs and metrics: each event one line and one increment (`swept`
 * by the number of records deleted). Failures and flags carry the error for the operator.
 */
export function completerEventObserver(log: Logger): (event: CompleterEvent) => void {
  return (event) => {
    const outcome: IdempotencyOutcome = event.type === 'swept' ? 'swept' : `completer_${event.type}`;
    metrics.outcomes.inc({ outcome }, event.type === 'swept' ? (event.count ?? 0) : 1);
    const record = event.record
      ? { procedure: event.record.procedure, key: event.record.key, principal: principalHash(event.record.scope), recordId: event.record.id, recoveryPoint: event.record.recoveryPoint }
      : {};
    const line = {
      event: 'idempotency',
      outcome,
      ...record,
      ...(event.count !== undefined ? { count: event.count } : {}),
      ...(event.transient !== undefined ? { transient: event.transient } : {}),
      ...(event.error !== undefined ? { err: event.error } : {}),
    };
    log[WARN.has(outcome) ? 'warn' : 'info'](line, `idempotency ${outcome}`);
  };
}
