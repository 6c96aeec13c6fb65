import { z } from 'zod';
import { paymentAttemptSchema, type PaymentAttempt } from './payment-attempt';

/**
 * A payment whose outcome this browser has not learned yet, kept in localStorage from just before
 * the request goes out until a definitive answer. After a reload the checkout page re-issues it
 * with the same input, so `idempotencyLink`'s journal hands it the same key (or with `key`, when
 * the attempt had one of its own): the server finishes or replays the first attempt, never runs a
 * second one.
 *
 * Cleared in the same microtask chain that delivers the link's result, right after the link
 * dropped its journal entry, so no page unload can fall between the two.
 */
const pendingPaymentSchema = z.object({
  attempt: paymentAttemptSchema,
  key: z.string().optional(),
  startedAt: z.number(),
});

export type PendingPayment = z.infer<typeof pendingPaymentSchema>;

const STORAGE_KEY = 'idem:pending-payment';
/** The link's journal keeps keys 23 h; an older record could no longer resume anything. */
const MAX_AGE_MS = 23 * 3600 * 1000;

export function savePendingPayment(attempt: PaymentAttempt, key: string | undefined): void {
  const record: PendingPayment = { attempt, key, startedAt: Date.now() };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(record));
  } catch {
    // Storage disabled: the payment goes on, it just cannot resume after a reload.
  }
}

export function readPendingPayment(): PendingPayment | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed = raw === null ? null : pendingPaymentSchema.safeParse(JSON.parse(raw));
    if (!parsed?.success || Date.now() - parsed.data.startedAt > MAX_AGE_MS) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function clearPendingPayment(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
}
