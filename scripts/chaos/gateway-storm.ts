/**
 * The payment provider's bad day, through the operator's controls (`ops.setGatewayChaos`, which
 * needs ENABLE_GATEWAY_CHAOS=1 and the OPS_TOKEN bearer): every answer lost until the circuit
 * breaker opens (and stays open through a failed trial), then slow and lossy, then healthy until the
 * breaker has closed. The breaker's transitions are read from `/api/metrics`
 * (`idem_payment_circuit_transitions_total`, `idem_payment_circuit_state`).
 */
import { postMutation } from '../../e2e/support/api';
import { pause, pollUntil } from './pause';
import { metricValue } from './prometheus';
import type { GatewayPlan, GatewaySetting } from './scenarios';

export interface BreakerReport {
  /** Transitions to open / closed, as the instance counted them. */
  opened: number;
  closed: number;
  /** The breaker's state at the end: `closed`, `open` or `half_open`. */
  finalState: string;
  problems: string[];
}

export interface GatewayStormOptions {
  /** The instance's base URL (the chaos settings are per process). */
  url: string;
  opsToken: string;
  plan: GatewayPlan;
  /** PAYMENT_BREAKER_HALF_OPEN_MS of the instance. */
  halfOpenMs: number;
}

const TRANSITIONS = 'idem_payment_circuit_transitions_total';
const STATE = 'idem_payment_circuit_state';

/** The operator's call shares the instance's slots with the shoppers: a 503 (SERVER_BUSY) is retried after its Retry-After. */
async function setGateway(url: string, opsToken: string, setting: GatewaySetting): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await postMutation(url, 'ops.setGatewayChaos', { body: setting, headers: { authorization: `Bearer ${opsToken}` } });
    if (response.status === 200) return;
    if (response.status !== 503 || attempt >= 20) throw new Error(`ops.setGatewayChaos answered ${response.status} (attempt ${attempt}): ${response.body}`);
    await pause(1_000 * Number(response.headers.get('retry-after') ?? 1));
  }
}

/** Puts the provider in its outage at once; the returned promise runs the rest of the day. */
export async function startGatewayStorm({ url, opsToken, plan, halfOpenMs }: GatewayStormOptions): Promise<{ finished: Promise<BreakerReport> }> {
  await setGateway(url, opsToken, plan.outage);
  const transitions = (state: string) => metricValue(url, opsToken, TRANSITIONS, { state });
  const finished = (async (): Promise<BreakerReport> => {
    const problems: string[] = [];
    if (!(await pollUntil(async () => (await transitions('open')) > 0, { timeoutMs: plan.breakerWaitMs }))) problems.push(`the breaker did not open within ${plan.breakerWaitMs} ms of the outage`);
    await pause(2 * halfOpenMs); // a half-open trial meets the outage, and the breaker opens again
    await setGateway(url, opsToken, plan.lossy);
    await pause(plan.lossyMs);
    await setGateway(url, opsToken, { latencyMs: 0, failureRate: 0 });
    const closedAgain = async () => (await transitions('closed')) > 0 && (await metricValue(url, opsToken, STATE, { state: 'closed' })) === 1;
    if (!(await pollUntil(closedAgain, { timeoutMs: plan.breakerWaitMs }))) problems.push(`the breaker was not closed ${plan.breakerWaitMs} ms after the provider recovered`);
    const states = await Promise.all(['closed', 'open', 'half_open'].map(async (state) => [state, await metricValue(url, opsToken, STATE, { state })] as const));
    return { opened: await transitions('open'), closed: await transitions('closed'), finalState: states.find(([, value]) => value === 1)?.[0] ?? 'unknown', problems };
  })();
  return { finished };
}
