import { randomUUID } from 'node:crypto';
import type { Compensation, CompleterEvent } from '../idempotencyCompleter.js';
import type { AbandonedRecord, IdempotencyStore } from '../store.js';
import { serializeError } from './storedResponse.js';
import { failureKind } from './transientFailure.js';

/** What finishing one abandoned record needs: the completer's options, resolved, and its `emit`. */
export interface CompletionSettings<TTx> {
  store: IdempotencyStore<TTx>;
  resume: (record: AbandonedRecord, input: unknown) => Promise<unknown>;
  compensate: Record<string, Compensation<TTx>>;
  maxCompletionAttempts: number;
  isTransient: (error: unknown) => boolean;
  ttlMs: number;
  leaseTtlMs: number;
  now: () => Date;
  /** Reports an outcome; never throws. */
  emit: (event: CompleterEvent) => void;
}

/**
 * Finishes one abandoned record: resumes it from its stored input, or compensates it, and reports
 * how that went; flags it for an operator when it cannot be resumed or failed too often.
 */
export async function completeAbandoned<TTx>(settings: CompletionSettings<TTx>, record: AbandonedRecord): Promise<void> {
  const { store, resume, compensate, maxCompletionAttempts, isTransient, now, emit } = settings;
  const summary = { id: record.id, scope: record.scope, key: record.key, procedure: record.procedure, recoveryPoint: record.recoveryPoint };
  const input = storedInputOf(record);
  if (!input.ok) {
    await store.flag({ id: record.id, reason: input.reason, at: now() });
    emit({ type: 'flagged', record: summary });
    return;
  }
  const compensation = compensate[record.procedure];
  try {
    if (compensation) await compensateRecord(settings, record, compensation);
    else await resume(record, input.value);
    emit({ type: compensation ? 'compensated' : 'resumed', record: summary });
  } catch (error) {
    // A resumed request that ended in a stored error (a declined card) is finished all the same.
    const current = await store.find(record);
    if (current?.status === 'COMPLETED') return emit({ type: compensation ? 'compensated' : 'resumed', record: summary });
    // An outage is waited out, however long: the work is resumable, and it is retried every run.
    if (isTransient(error)) return emit({ type: 'failed', record: summary, error, transient: true });
    const attempts = await store.countCompletionAttempt({ id: record.id });
    if (attempts !== null && attempts >= maxCompletionAttempts) {
      // The reason names the failure's kind, never its text: it is shown to operators, and an
      // error's message can carry a customer's input. The full error goes to `onEvent`.
      await store.flag({ id: record.id, reason: `not finished after ${attempts} attempts: ${failureKind(error)}`, at: now() });
      return emit({ type: 'flagged', record: summary, error });
    }
    emit({ type: 'failed', record: summary, error, transient: false });
  }
}

/** Takes the key over and, in one fenced transaction, runs the compensation and stores the error it returns. */
async function compensateRecord<TTx>({ store, ttlMs, leaseTtlMs, now }: CompletionSettings<TTx>, record: AbandonedRecord, compensation: Compensation<TTx>): Promise<void> {
  const lockToken = randomUUID();
  const at = now();
  const expiresAt = new Date(Math.max(record.expiresAt.getTime(), at.getTime() + ttlMs));
  const taken = await store.takeOver({ id: record.id, expectedToken: record.lockToken, lockToken, lockedUntil: new Date(at.getTime() + leaseTtlMs), expiresAt, now: at });
  if (!taken) return; // a client's retry got there first
  await store.fenced(
    { id: record.id, lockToken },
    (tx) => compensation(tx, { ...taken, completionAttempts: record.completionAttempts }),
    (error) => ({ lockedUntil: new Date(0), response: serializeError(error, record.procedure), expiresAt }),
  );
}

/**
 * The input a record stored: JSON text, or the empty string for a mutation called without input.
 * `null` (a record written before inputs were stored) or text that does not parse cannot be resumed.
 */
function storedInputOf(record: AbandonedRecord): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (record.input === null) return { ok: false, reason: 'no stored input to resume from' };
  if (record.input === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(record.input) };
  } catch {
    return { ok: false, reason: 'the stored input is not valid JSON' };
  }
}
