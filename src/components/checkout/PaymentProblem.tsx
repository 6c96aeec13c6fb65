'use client';
import { useEffect, useRef } from 'react';
import type { ShopErrorInfo } from '~/client/shop-error';
import { PaymentProblemMessage } from './PaymentProblemMessage';

/**
 * Why the payment did not go through and what to do next. Takes focus when it appears; render it
 * with a new `key` per failure so that each one is focused (and announced) once.
 */
export function PaymentProblem({ error, replayed }: { error: ShopErrorInfo; replayed: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="notice error payment-problem">
      <PaymentProblemMessage error={error} replayed={replayed} />
    </div>
  );
}
