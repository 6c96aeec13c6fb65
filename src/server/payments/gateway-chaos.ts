import { z } from 'zod';

/** Trouble the simulated gateway makes on purpose, so a visitor can watch idempotency work. */
export interface GatewayChaos {
  /** Added to every charge, in ms. */
  latencyMs: number;
  /** Share of charges (0–1) whose answer is lost after the gateway recorded them: the shop sees 503. */
  failureRate: number;
}

export const gatewayChaosSchema = z.object({
  latencyMs: z.int().min(0).max(30_000),
  failureRate: z.number().min(0).max(1),
});

/**
 * This process's settings: from GATEWAY_LATENCY_MS / GATEWAY_FAILURE_RATE at start, then the
 * operator page. Kept on `globalThis`: Next.js bundles the API route and the pages separately, and
 * both must see one copy.
 */
const globalForChaos = globalThis as unknown as { idemGatewayChaos?: GatewayChaos };
const current: GatewayChaos = (globalForChaos.idemGatewayChaos ??= gatewayChaosSchema.parse({
  latencyMs: Number(process.env.GATEWAY_LATENCY_MS ?? 0),
  failureRate: Number(process.env.GATEWAY_FAILURE_RATE ?? 0),
}));

export function getGatewayChaos(): GatewayChaos {
  return { ...current };
}

export function setGatewayChaos(next: GatewayChaos): GatewayChaos {
  Object.assign(current, gatewayChaosSchema.parse(next));
  return getGatewayChaos();
}
