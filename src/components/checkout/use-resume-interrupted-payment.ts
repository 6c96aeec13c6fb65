'use client';
import type { IdempotencyLink, PendingOperation } from '@idem/trpc-link';
import { usePendingOperations } from '@idem/trpc-link/react';
import { useEffect, useRef, useState } from 'react';
import type { AppRouter } from '~/server/root';
import { paymentAttemptSchema, type PaymentAttempt } from './payment-attempt';

/** The procedures a payment is sent with, by journal path. */
const PAYMENT_PATHS = { 'checkout.placeOrder': 'placeOrder', 'checkout.payOrder': 'payOrder' } as const;

/**
 * After a reload: finds in the link's journal the payment whose outcome this browser never learned
 * and hands it to `send`, once, when the journal has been read — the same input gets the same key,
 * so the server resumes or replays it. Returns the attempt it sent again, if any (the page says
 * "Resuming…" and shows the address it carries).
 */
export function useResumeInterruptedPayment(link: IdempotencyLink<AppRouter>, send: (attempt: PaymentAttempt) => void): PaymentAttempt | null {
  const { operations } = usePendingOperations(link);
  const [resumed, setResumed] = useState<PaymentAttempt | null>(null);
  const done = useRef(false);
  useEffect(() => {
    const attempt = resumableAttempt(operations);
    if (!attempt || done.current) return;
    done.current = true;
    setResumed(attempt);
    send(attempt);
    // Once, when the journal has been read.
  }, [operations]);
  return resumed;
}

/** The newest pending payment the journal can hand back as an attempt (its summary is the entry's data). */
export function resumableAttempt(operations: readonly PendingOperation[] | undefined): PaymentAttempt | null {
  for (const operation of [...(operations ?? [])].reverse()) {
    const procedure = Object.hasOwn(PAYMENT_PATHS, operation.path) ? PAYMENT_PATHS[operation.path as keyof typeof PAYMENT_PATHS] : undefined;
    if (!procedure) continue;
    const parsed = paymentAttemptSchema.safeParse({ procedure, input: operation.input, summary: operation.data });
    if (parsed.success) return parsed.data as PaymentAttempt;
  }
  return null;
}
