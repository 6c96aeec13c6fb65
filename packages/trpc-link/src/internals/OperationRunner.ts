import { TRPCClientError, type Operation, type OperationResultEnvelope } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { Observable, Observer, Unsubscribable } from '@trpc/server/observable';
import type { IdempotencyEvent } from '../IdempotencyEvent.js';
import { IdempotencyKeyNotSentError } from '../IdempotencyKeyNotSentError.js';
import { RetryAbortedError } from '../RetryAbortedError.js';
import type { Journal, JournalTicket } from './journal.js';
import { withKeyReceipt } from './keyReceipt.js';
import type { LinkSettings } from './linkSettings.js';
import { operationOutcome, outcomeOf } from './outcomeOf.js';
import { planRetry, type RetryPlan } from './planRetry.js';
import { replayOf } from './replayOf.js';
import { journalActionOf, type Settlement } from './settlement.js';
import { takeKey } from './takeKey.js';

type Envelope = OperationResultEnvelope<unknown, TRPCClientError<AnyRouter>>;

export interface OperationRunnerConfig {
  op: Operation;
  /** The links below `idempotencyLink`: each call is one attempt. */
  next: (op: Operation) => Observable<Envelope, TRPCClientError<AnyRouter>>;
  /** The caller, told the operation's single result once the journal is updated. */
  observer: Observer<Envelope, TRPCClientError<AnyRouter>>;
  settings: LinkSettings;
  journal: Journal;
  /** Reports an event to the listeners and the monitor. */
  emit: (event: IdempotencyEvent) => void;
  /** Told each time a retry is refused because the key never reached the wire. */
  onKeyNotSent: (refusal: IdempotencyKeyNotSentError) => void;
}

/**
 * Where an operation is. `starting` → `sending` ⇄ `waiting` → `settled`, and `closed` from any
 * state when the caller unsubscribes. Only `sending` and `waiting` hold a key, so only they can
 * settle or be cancelled; nothing reaches the caller once `closed`.
 */
type RunnerState =
  | { status: 'starting' } // writing the key to the journal, before the first send
  | { status: 'sending'; ticket: JournalTicket; attempt: number; subscription?: Unsubscribable }
  | { status: 'waiting'; ticket: JournalTicket; attempt: number; timer: ReturnType<typeof setTimeout> }
  | { status: 'settled' } // ended: the journal is updated, then the result delivered
  | { status: 'closed' };

/**
 * One mutation through `idempotencyLink`: sends attempts with the same key, retries as `planRetry`
 * says once the key was confirmed sent (fail closed otherwise), and settles once — the journal
 * first, then the caller. A class rather than a closure: each step is a method, and all of them
 * read and move one explicit `state`.
 */
export class OperationRunner {
  private state: RunnerState = { status: 'starting' };
  private readonly startedAt: number;
  /** Whether an attempt so far left the outcome unknown: a later refusal cannot make it known. */
  private earlierUnknown = false;

  constructor(private readonly config: OperationRunnerConfig) {
    this.startedAt = config.settings.now();
  }

  /** Takes the key (the caller's, or one from the journal) and sends the first attempt. */
  start(): void {
    const { op, observer } = this.config;
    op.signal?.addEventListener('abort', this.onAbort, { once: true });
    takeKey(op, this.config.journal, this.config.settings).then(
      (ticket) => (this.isClosed() ? ticket.release() : this.attempt(ticket, 1)),
      (cause: unknown) => {
        if (this.isClosed()) return;
        this.state = { status: 'settled' };
        observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))));
      },
    );
  }

  /** The caller unsubscribed: stop, keep the key for a later re-issue, deliver nothing. */
  readonly close = (): void => {
    const { op, emit } = this.config;
    const previous = this.state;
    this.state = { status: 'closed' };
    op.signal?.removeEventListener('abort', this.onAbort);
    if (previous.status === 'waiting') clearTimeout(previous.timer);
    if (previous.status !== 'sending' && previous.status !== 'waiting') return;
    previous.ticket.release();
    emit({ type: 'settled', key: previous.ticket.key, path: op.path, attempts: previous.attempt, outcome: 'cancelled', replayed: false });
    if (previous.status === 'sending') previous.subscription?.unsubscribe();
  };

  // Methods, not inline checks: listeners and links called in between may change the state.
  private isSending(attempt: number): boolean {
    return this.state.status === 'sending' && this.state.attempt === attempt;
  }

  private isClosed(): boolean {
    return this.state.status === 'closed';
  }

  private attempt(ticket: JournalTicket, n: number): void {
    const { op, settings, emit } = this.config;
    const { key } = ticket;
    let keySent = false; // set by the terminating link, through `idempotencyHeaders`
    let replayed = false;
    let result: Envelope | undefined;
    const context = withKeyReceipt({ ...op.context, idempotencyKey: key, idempotencyAttempt: n }, key, () => (keySent = true));
    this.state = { status: 'sending', ticket, attempt: n };
    emit({ type: 'attempt', key, path: op.path, attempt: n, maxAttempts: settings.maxAttempts, resumed: ticket.resumed });
    if (!this.isSending(n)) return; // a listener unsubscribed
    let subscription: Unsubscribable;
    try {
      subscription = this.config.next({ ...op, context }).subscribe({
        next(envelope) {
          result = envelope;
          const replay = replayOf(envelope.context);
          if (replay) {
            replayed = true;
            emit({ type: 'replay', key, path: op.path, attempt: n, ...replay });
          }
        },
        complete: () => this.settle(ticket, { outcome: 'success', envelope: result, meta: { key, attempts: n, replayed } }),
        error: (error) => this.failed(ticket, n, error, keySent),
      });
    } catch (cause) {
      // A link below threw while setting up (a throwing `splitLink` condition, say): fail the
      // attempt like any error, rather than leave the caller's promise pending for ever.
      if (this.isSending(n)) this.failed(ticket, n, TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause))), keySent);
      return;
    }
    // A link below may answer synchronously, even after we were torn down.
    if (this.isClosed()) subscription.unsubscribe();
    else if (this.isSending(n)) this.state = { status: 'sending', ticket, attempt: n, subscription };
  }

  /** Attempt `n` failed: retry after the planned wait, or settle with its error. */
  private failed(ticket: JournalTicket, n: number, error: TRPCClientError<AnyRouter>, keySent: boolean): void {
    const { op, settings, emit } = this.config;
    const { key } = ticket;
    const replay = replayOf(error.meta);
    if (replay) emit({ type: 'replay', key, path: op.path, attempt: n, ...replay });
    const plan = this.planAfter(error, n);
    const outcome = operationOutcome(error, this.earlierUnknown);
    this.earlierUnknown ||= outcomeOf(error) === 'unknown';
    if (!plan.retry) {
      this.settle(ticket, { outcome: 'error', error, meta: { key, attempts: n, stoppedBy: plan.stoppedBy, outcome: plan.outcome } });
      return;
    }
    if (!keySent) {
      // Fail closed: a retry without the key on the wire is a second, unguarded execution.
      const refusal = new IdempotencyKeyNotSentError(key, op.path, { cause: error });
      this.config.onKeyNotSent(refusal);
      this.settle(ticket, { outcome: 'error', error: refusal, meta: { key, attempts: n, stoppedBy: 'key-not-sent', outcome } });
      return;
    }
    if (!this.isSending(n)) return; // a listener unsubscribed
    const { reason, delayMs, delaySource } = plan;
    this.state = { status: 'waiting', ticket, attempt: n, timer: setTimeout(() => this.retry(ticket, n, error), delayMs) };
    emit({ type: 'retry', key, path: op.path, attempt: n + 1, maxAttempts: settings.maxAttempts, delayMs, retryAt: settings.now() + delayMs, reason, delaySource, error });
  }

  /**
   * The wait is over: send attempt `n + 1`, unless the journal scope (the signed-in user) changed
   * meanwhile — it would go out under the new user's session with the old one's input and key.
   * Then stop with the outcome unknown: the key stays in the first scope.
   */
  private retry(ticket: JournalTicket, n: number, error: TRPCClientError<AnyRouter>): void {
    if (!this.scopeChanged(ticket)) {
      this.attempt(ticket, n + 1);
      return;
    }
    this.settle(ticket, { outcome: 'error', error, meta: { key: ticket.key, attempts: n, stoppedBy: 'scope-changed', outcome: 'unknown' } });
  }

  private scopeChanged(ticket: JournalTicket): boolean {
    try {
      return this.config.settings.scope() !== ticket.scope;
    } catch {
      return true; // a scope that cannot be read now is not known to be the same
    }
  }

  private planAfter(error: TRPCClientError<AnyRouter>, attempt: number): RetryPlan {
    const { now, retry, maxAttempts, deadlineMs, retryDelay, maxRetryAfterMs } = this.config.settings;
    try {
      const { earlierUnknown } = this;
      return planRetry({ error, op: this.config.op, attempt, now: now(), startedAt: this.startedAt, retry, maxAttempts, deadlineMs, retryDelay, maxRetryAfterMs, earlierUnknown });
    } catch (policyError) {
      // A throwing `retry` or `retryDelay` is a bug to show, not a reason to hang the operation.
      console.error('@idem/trpc-link: the retry policy threw; not retrying', policyError);
      return { retry: false, stoppedBy: 'declined', outcome: 'unknown' };
    }
  }

  /** The signal fired while waiting to retry; an attempt in flight aborts itself. */
  private readonly onAbort = (): void => {
    if (this.state.status !== 'waiting') return;
    const { ticket, attempt: attempts } = this.state;
    const error = new RetryAbortedError(ticket.key, attempts, { cause: this.config.op.signal?.reason });
    this.settle(ticket, { outcome: 'cancelled', error, meta: { key: ticket.key, attempts, stoppedBy: 'aborted', outcome: 'unknown' } });
  };

  /** Ends the operation: reports it, updates the journal as the outcome says, then delivers it. */
  private settle(ticket: JournalTicket, settlement: Settlement<Envelope>): void {
    const { op, emit, observer } = this.config;
    const previous = this.state;
    if (previous.status !== 'sending' && previous.status !== 'waiting') return;
    this.state = { status: 'settled' };
    if (previous.status === 'waiting') clearTimeout(previous.timer);
    op.signal?.removeEventListener('abort', this.onAbort);
    const { outcome, meta } = settlement;
    emit({ type: 'settled', key: ticket.key, path: op.path, attempts: meta.attempts, outcome, replayed: outcome === 'success' && meta.replayed });
    let journalled = Promise.resolve();
    if (journalActionOf(settlement) === 'forget') journalled = ticket.forget().catch(() => {}); // the storage failure is reported already
    else ticket.release();
    // Deliver after the journal is updated: a caller who repeats the purchase right away must
    // get a new key, and so must a page reloaded right after showing the result.
    void journalled.then(() => !this.isClosed() && deliver(observer, settlement));
  }
}

/** Hands the caller the operation's result: the last attempt's, with the link's account of it. */
function deliver(observer: OperationRunnerConfig['observer'], settlement: Settlement<Envelope>): void {
  if (settlement.outcome !== 'success') {
    observer.error(TRPCClientError.from(settlement.error as Error, { meta: { idempotency: settlement.meta } }));
    return;
  }
  const { envelope, meta } = settlement;
  if (envelope) observer.next({ ...envelope, context: { ...envelope.context, idempotency: meta } });
  observer.complete();
}
