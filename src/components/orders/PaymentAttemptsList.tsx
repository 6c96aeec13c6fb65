import type { PaymentAttemptEntry } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { cardDescription, paymentStatusLabel } from './payment-words';

/** Every payment attempt of an order, oldest first: declined, then paid, each with its card and time. */
export function PaymentAttemptsList({ payments }: { payments: readonly PaymentAttemptEntry[] }) {
  return (
    <section aria-labelledby="payment-attempts-heading" className="payment-attempts">
      <h3 id="payment-attempts-heading">Payment attempts</h3>
      <ol>
        {payments.map((payment) => (
          <li key={payment.attempt} className="payment-attempt" data-testid="payment-attempt">
            <span className={`status-badge status-${payment.status.toLowerCase()}`}>{paymentStatusLabel(payment.status)}</span>
            <span className="payment-attempt-card">{cardDescription(payment)}</span>
            <span className="payment-attempt-time muted">
              <DateTime iso={payment.at} />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
