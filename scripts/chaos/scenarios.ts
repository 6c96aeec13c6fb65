/**
 * The scenarios `npm run chaos` runs, as data: the database, the instances and their settings, the
 * proxy's faults, the killer's and the payment provider's plans. Full size (200 shoppers) for
 * `npm run chaos`; CI size (tens of shoppers, well under a minute each) for `e2e/chaos.test.ts`.
 */
import type { DatabaseProvider } from '~/server/db/database-url';

export const SCENARIO_NAMES = ['kill-storm', 'cluster', 'gateway'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** What the loopback proxy does to POSTs (shoppers' mutations); GETs always pass. */
export interface ProxyFaults {
  /** Share of responses read in full from the instance, then never delivered: the client's socket is destroyed instead. */
  dropRate: number;
  /** Share of requests whose client socket is destroyed before anything is forwarded. */
  resetBeforeRate: number;
  /** Share of requests cut while forwarding: half the body reaches the instance, then both sockets are destroyed. */
  resetMidRate: number;
}

export interface KillerPlan {
  /** SIGKILL an instance a random time in [min, max) ms after it answered ready. */
  afterReadyMs: readonly [number, number];
  /** No more kills than this… */
  maxKills: number;
  /** …and none after this long from the start (ms). */
  budgetMs: number;
  /** Every other kill takes the instance holding the completer's lease, so the lease has to move. */
  preferLeaseHolder: boolean;
}

/** One setting of the simulated provider (the ops.setGatewayChaos input). */
export interface GatewaySetting {
  latencyMs: number;
  failureRate: number;
}

export interface GatewayPlan {
  /** Every answer lost: the breaker must open. Held for two half-open periods once it has. */
  outage: GatewaySetting;
  /** Slow, and a share of answers lost, for `lossyMs`. */
  lossy: GatewaySetting;
  lossyMs: number;
  /** The longest wait for the breaker to open, then to close once the provider is healthy (ms). */
  breakerWaitMs: number;
}

export interface ScenarioDefinition {
  name: ScenarioName;
  provider: DatabaseProvider;
  /** API processes on the same database, behind the proxy. */
  instances: number;
  shoppers: number;
  seed: number;
  /** Every instance's environment (the runner adds SESSION_SECRET and OPS_TOKEN). */
  env: Record<string, string>;
  faults: ProxyFaults;
  killer?: KillerPlan;
  gateway?: GatewayPlan;
  /** Shoppers arrive at random over this long from the start of the chaos (ms). */
  arrivalMs: number;
  /** Each shopper's link gives up after this long (ms): generous, the chaos must not be outwaited. */
  deadlineMs: number;
  /** The longest wait for the completer to finish abandoned records after the shoppers (ms). */
  drainMs: number;
}

export interface ScenarioSize {
  shoppers: number;
  /** CI size: fewer kills and shorter phases. */
  ci: boolean;
  seed: number;
}

const NO_FAULTS: ProxyFaults = { dropRate: 0, resetBeforeRate: 0, resetMidRate: 0 };

/** Settings every scenario shares: keys taken over after 3 s, the completer every 0.5 s, 16 slots. */
const BASE_ENV = {
  IDEMPOTENCY_LOCK_TIMEOUT_MS: '3000',
  IDEMPOTENCY_COMPLETER_INTERVAL_MS: '500',
  API_MAX_CONCURRENT_REQUESTS: '16',
  ENABLE_GATEWAY_CHAOS: '1',
  LOG_LEVEL: 'silent',
};

export function defineScenario(name: ScenarioName, { shoppers, ci, seed }: ScenarioSize): ScenarioDefinition {
  const common = { name, shoppers, seed, deadlineMs: ci ? 50_000 : 300_000, drainMs: ci ? 20_000 : 60_000 };
  switch (name) {
    case 'kill-storm':
      return {
        ...common,
        provider: 'sqlite',
        instances: 1,
        // Each charge takes a while, so that kills land between the charge and the settled order.
        env: { ...BASE_ENV, GATEWAY_LATENCY_MS: '300' },
        arrivalMs: ci ? 5_000 : 20_000,
        faults: NO_FAULTS,
        killer: { afterReadyMs: [500, 2_000], maxKills: ci ? 6 : 60, budgetMs: ci ? 12_000 : 150_000, preferLeaseHolder: false },
      };
    case 'cluster':
      return {
        ...common,
        provider: 'postgresql',
        instances: 3,
        env: { ...BASE_ENV, GATEWAY_LATENCY_MS: '200' },
        arrivalMs: ci ? 8_000 : 30_000,
        faults: { dropRate: 0.3, resetBeforeRate: 0.05, resetMidRate: 0.05 },
        killer: { afterReadyMs: [500, 2_000], maxKills: ci ? 5 : 40, budgetMs: ci ? 12_000 : 90_000, preferLeaseHolder: true },
      };
    case 'gateway':
      return {
        ...common,
        provider: 'sqlite',
        instances: 1,
        env: { ...BASE_ENV, PAYMENT_BREAKER_FAILURES: '5', PAYMENT_BREAKER_HALF_OPEN_MS: '1500' },
        arrivalMs: ci ? 5_000 : 20_000,
        faults: NO_FAULTS,
        gateway: { outage: { latencyMs: 100, failureRate: 1 }, lossy: { latencyMs: 300, failureRate: 0.3 }, lossyMs: ci ? 2_500 : 20_000, breakerWaitMs: 20_000 },
      };
  }
}
