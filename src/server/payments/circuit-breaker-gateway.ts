import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { logger as processLogger, type Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { isPaymentGatewayUnavailable, type PaymentGateway } from './payment-gateway';

export type CircuitStateName = 'closed' | 'open' | 'half_open';

/** Thrown instead of calling the provider while the breaker is open: nothing was sent, retry after `retryAfterMs`. */
export class PaymentCircuitOpenError extends Error {
  override readonly name = 'PaymentCircuitOpenError' as const;
  constructor(
    /** Until the breaker lets a trial charge through, at most (ms). */
    readonly retryAfterMs: number,
  ) {
    super('The payment provider is failing; charges are paused for a moment.');
  }
}

/** By name, like `isPaymentGatewayUnavailable`: Next.js bundles may hold two copies of the class. */
export function isPaymentCircuitOpen(error: unknown): error is PaymentCircuitOpenError {
  return error instanceof Error && error.name === 'PaymentCircuitOpenError';
}

export interface CircuitBreakerOptions {
  /** Consecutive "did not answer" failures that open the breaker (PAYMENT_BREAKER_FAILURES). @default 5 */
  failures?: number;
  /** How long it stays open before one trial charge (PAYMENT_BREAKER_HALF_OPEN_MS). @default 10_000 */
  halfOpenAfterMs?: number;
  /** @default the process's logger */
  logger?: Logger;
}

export interface BreakerGateway extends PaymentGateway {
  /** The breaker's state now (for tests, /ops and the metric). */
  readonly circuitState: CircuitStateName;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'open',
};

/**
 * `gateway` behind a cockatiel circuit breaker. Only "the provider did not answer" counts as a
 * failure — a decline is an answer. After `failures` in a row, charges fail fast with
 * `PaymentCircuitOpenError` for `halfOpenAfterMs` (no request piles up on a dead provider, no
 * lock is held for its timeout); then one trial charge goes through: its success closes the
 * breaker, its failure opens it again. Each transition is logged and exported as
 * `idem_payment_circuit_state`. Failing fast changes nothing: the order stays reserved and the
 * key resumable, and the charge's own key keeps a later retry from charging twice.
 */
export function withCircuitBreaker(gateway: PaymentGateway, { failures = 5, halfOpenAfterMs = 10_000, logger = processLogger }: CircuitBreakerOptions = {}): BreakerGateway {
  const breaker: CircuitBreakerPolicy = circuitBreaker(handleWhen(isPaymentGatewayUnavailable), { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failures) });
  const provider = gateway.name;
  const log = logger.child({ component: 'payment-circuit', provider });
  let openedAt = 0;
  const report = (state: CircuitStateName) => {
    for (const name of ['closed', 'open', 'half_open'] as const) metrics.paymentCircuitState.set({ provider, state: name }, name === state ? 1 : 0);
  };
  report('closed');
  breaker.onStateChange((state) => {
    const name = STATE_NAMES[state];
    if (name === 'open') openedAt = Date.now();
    report(name);
    metrics.paymentCircuitTransitions.inc({ provider, state: name });
    const line = { event: 'payment_circuit', state: name, failures, halfOpenAfterMs };
    if (name === 'open') log.warn(line, 'payment circuit opened: charges fail fast until a trial charge succeeds');
    else log.info(line, `payment circuit ${name === 'closed' ? 'closed: the provider answers again' : 'half-open: one trial charge goes through'}`);
  });
  return {
    name: provider,
    get circuitState() {
      return STATE_NAMES[breaker.state];
    },
    async charge(request) {
      // Half-open means one trial charge is on its way; cockatiel would make every other charge wait
      // for it (the provider's whole timeout, holding a slot and a key's lock). Fail fast instead.
      if (breaker.state === CircuitState.HalfOpen) throw new PaymentCircuitOpenError(1_000);
      try {
        return await breaker.execute(() => gateway.charge(request));
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new PaymentCircuitOpenError(Math.max(0, openedAt + halfOpenAfterMs - Date.now()));
        throw error;
      }
    },
  };
}
