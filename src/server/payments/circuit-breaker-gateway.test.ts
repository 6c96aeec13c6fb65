import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metrics } from '../observability/metrics';
import { isPaymentCircuitOpen, withCircuitBreaker, type PaymentCircuitOpenError } from './circuit-breaker-gateway';
import { PaymentGatewayUnavailableError, type ChargeRequest, type ChargeResult, type PaymentGateway } from './payment-gateway';

/** A provider that answers, or does not, as the test says, and counts the charges that reached it. */
function scriptedProvider(name: string) {
  const state = { answering: true, calls: 0 };
  const gateway: PaymentGateway = {
    name,
    async charge(request: ChargeRequest): Promise<ChargeResult> {
      state.calls++;
      if (!state.answering) throw new PaymentGatewayUnavailableError('The payment provider did not answer.');
      return request.token === 'tok_chargeDeclined' ? { status: 'declined', chargeId: `ch_${state.calls}`, declineCode: 'generic_decline' } : { status: 'succeeded', chargeId: `ch_${state.calls}` };
    },
  };
  return { gateway, state };
}

const request = (n: number, token = 'tok_visa'): ChargeRequest => ({ idempotencyKey: `key-${n}:charge`, token, amountCents: 1000, currency: 'USD' });
const stateGauge = async (provider: string) => {
  const { values } = await metrics.paymentCircuitState.get();
  return Object.fromEntries(values.filter((v) => v.labels.provider === provider).map((v) => [v.labels.state, v.value]));
};
const transitions = async (provider: string) => (await metrics.paymentCircuitTransitions.get()).values.filter((v) => v.labels.provider === provider).map((v) => [v.labels.state, v.value]);

describe('withCircuitBreaker (cockatiel) around the payment provider', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('goes closed → open after N failures in a row, fails fast without calling the provider, then half-open → closed on a good trial', async () => {
    const { gateway, state } = scriptedProvider('breaker-a');
    const breaker = withCircuitBreaker(gateway, { failures: 3, halfOpenAfterMs: 10_000 });
    expect(breaker.circuitState).toBe('closed');
    expect(await stateGauge('breaker-a')).toEqual({ closed: 1, open: 0, half_open: 0 });

    state.answering = false;
    for (let n = 1; n <= 3; n++) await expect(breaker.charge(request(n))).rejects.toThrow(PaymentGatewayUnavailableError);
    expect([breaker.circuitState, state.calls]).toEqual(['open', 3]);
    expect(await stateGauge('breaker-a')).toEqual({ closed: 0, open: 1, half_open: 0 });

    // Open: fails fast, typed, with the wait until the trial; the provider is not called.
    vi.setSystemTime(Date.now() + 4_000);
    const fast = await breaker.charge(request(4)).catch((error: unknown) => error);
    expect(isPaymentCircuitOpen(fast)).toBe(true);
    expect((fast as PaymentCircuitOpenError).retryAfterMs).toBe(6_000);
    expect(state.calls).toBe(3);

    // After the half-open delay one trial goes through; the provider answers again: closed.
    state.answering = true;
    vi.setSystemTime(Date.now() + 6_000);
    await expect(breaker.charge(request(5))).resolves.toEqual({ status: 'succeeded', chargeId: 'ch_4' });
    expect([breaker.circuitState, state.calls]).toEqual(['closed', 4]);
    expect(await stateGauge('breaker-a')).toEqual({ closed: 1, open: 0, half_open: 0 });
    expect(await transitions('breaker-a')).toEqual([
      ['open', 1],
      ['half_open', 1],
      ['closed', 1],
    ]);
  });

  it('opens again when the half-open trial fails, for another full delay', async () => {
    const { gateway, state } = scriptedProvider('breaker-b');
    const breaker = withCircuitBreaker(gateway, { failures: 2, halfOpenAfterMs: 5_000 });
    state.answering = false;
    for (let n = 1; n <= 2; n++) await expect(breaker.charge(request(n))).rejects.toThrow(PaymentGatewayUnavailableError);
    vi.setSystemTime(Date.now() + 5_000);
    await expect(breaker.charge(request(3))).rejects.toThrow(PaymentGatewayUnavailableError); // the trial
    expect([breaker.circuitState, state.calls]).toEqual(['open', 3]);
    const fast = await breaker.charge(request(4)).catch((error: unknown) => error);
    expect((fast as PaymentCircuitOpenError).retryAfterMs).toBe(5_000);
    expect(state.calls).toBe(3);
  });

  it('counts a decline as an answer: declines never open the breaker, and a success resets the count', async () => {
    const { gateway, state } = scriptedProvider('breaker-c');
    const breaker = withCircuitBreaker(gateway, { failures: 2, halfOpenAfterMs: 5_000 });
    for (let n = 1; n <= 5; n++) await expect(breaker.charge(request(n, 'tok_chargeDeclined'))).resolves.toMatchObject({ status: 'declined' });
    state.answering = false;
    await expect(breaker.charge(request(6))).rejects.toThrow(PaymentGatewayUnavailableError);
    state.answering = true;
    await breaker.charge(request(7));
    state.answering = false;
    await expect(breaker.charge(request(8))).rejects.toThrow(PaymentGatewayUnavailableError);
    expect(breaker.circuitState).toBe('closed');
  });
  it('fails fast while half-open: a charge made during the trial does not wait for it', async () => {
    let answerTrial!: () => void;
    let calls = 0;
    const gateway: PaymentGateway = {
      name: 'breaker-trial',
      async charge(): Promise<ChargeResult> {
        calls++;
        if (calls <= 2) throw new PaymentGatewayUnavailableError('The payment provider did not answer.');
        await new Promise<void>((resolve) => (answerTrial = resolve)); // the trial hangs until the test says
        return { status: 'succeeded', chargeId: 'ch_trial' };
      },
    };
    const breaker = withCircuitBreaker(gateway, { failures: 2, halfOpenAfterMs: 1_000 });
    for (let n = 1; n <= 2; n++) await expect(breaker.charge(request(n))).rejects.toThrow(PaymentGatewayUnavailableError);
    vi.setSystemTime(Date.now() + 1_000);
    const trial = breaker.charge(request(3));
    expect(breaker.circuitState).toBe('half_open');
    const during = await breaker.charge(request(4)).catch((error: unknown) => error);
    expect(isPaymentCircuitOpen(during)).toBe(true);
    expect(calls).toBe(3); // the provider saw the trial only
    answerTrial();
    await expect(trial).resolves.toEqual({ status: 'succeeded', chargeId: 'ch_trial' });
    expect(breaker.circuitState).toBe('closed');
  });
});
