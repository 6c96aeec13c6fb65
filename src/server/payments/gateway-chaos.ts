import { z } from 'zod';
import { readServerEnv, type ServerEnv } from '../env';
import { shopError } from '../errors';

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
 * operator page — both only with ENABLE_GATEWAY_CHAOS=1 (the environment is refused otherwise, see
 * env.ts), so a production server never strands orders because someone flipped a switch. Kept on
 * `globalThis`: Next.js bundles the API route and the pages separately, and both must see one copy.
 */
const globalForChaos = globalThis as unknown as { idemGatewayChaos?: GatewayChaos };
const current: GatewayChaos = (globalForChaos.idemGatewayChaos ??= initialChaos(readServerEnv()));

function initialChaos(env: ServerEnv): GatewayChaos {
  if (!env.ENABLE_GATEWAY_CHAOS) return { latencyMs: 0, failureRate: 0 };
  return gatewayChaosSchema.parse({ latencyMs: env.GATEWAY_LATENCY_MS, failureRate: env.GATEWAY_FAILURE_RATE });
}

export function getGatewayChaos(): GatewayChaos {
  return { ...current };
}

/** Changes this process's chaos; 403 GATEWAY_CHAOS_DISABLED unless the server runs with ENABLE_GATEWAY_CHAOS=1. */
export function setGatewayChaos(next: GatewayChaos, env: Pick<ServerEnv, 'ENABLE_GATEWAY_CHAOS'>): GatewayChaos {
  if (!env.ENABLE_GATEWAY_CHAOS) {
    throw shopError('GATEWAY_CHAOS_DISABLED', 'Gateway chaos is off on this server. To allow it (never in production), start the server with ENABLE_GATEWAY_CHAOS=1.');
  }
  Object.assign(current, gatewayChaosSchema.parse(next));
  return getGatewayChaos();
}
