'use client';
import { useEffect, useRef } from 'react';
import type { ShopErrorInfo } from '~/client/shop-error';
import type { DeclinedPayment } from './declined-payment';
import { PaymentProblemMessage } from './PaymentProblemMessage';

/**
 * Why the payment did not go through and what to do next. Takes focus when it appears; render it
 * with a new `key` per failure so that each one is focused (and announced) once.
 */
export function PaymentProblem({ error, declined }: { error: ShopErrorInfo; declined: DeclinedPayment | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="notice error payment-problem">
      <PaymentProblemMessage error={error} declined={declined} />
    </div>
  );
}
