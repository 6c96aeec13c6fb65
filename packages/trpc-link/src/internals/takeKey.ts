import type { Operation } from '@trpc/client';
import type { IdempotencyContext } from '../IdempotencyContext.js';
import { InvalidIdempotencyKeyError } from '../InvalidIdempotencyKeyError.js';
import { unjournaledTicket, type Journal, type JournalTicket } from './journal.js';
import type { LinkSettings } from './linkSettings.js';

/**
 * The caller's key, else a pending one from the journal or a new one, written before any send;
 * with the scope the operation starts in. Rejects (before any send) on a blank caller key — on the
 * wire `""` means "no key" — and on a throwing `scope`.
 */
export function takeKey(op: Operation, journal: Journal, settings: LinkSettings): Promise<JournalTicket> {
  try {
    const callerKey = op.context['idempotencyKey'];
    if (typeof callerKey === 'string' && callerKey.trim() === '') throw new InvalidIdempotencyKeyError(op.path);
    const scope = settings.scope();
    if (typeof callerKey === 'string') return Promise.resolve(unjournaledTicket(callerKey, scope));
    const { resumable, resumeData } = op.context as IdempotencyContext;
    const resume = resumable === true || resumeData !== undefined ? { data: resumeData } : undefined;
    return journal.begin(op.path, op.input, scope, resume);
  } catch (refusal) {
    return Promise.reject(refusal);
  }
}
