'use client';
import { useQuery } from '@tanstack/react-query';
import { shopErrorOf } from '~/client/shop-error';
import { useTRPC } from '~/client/trpc';
import { GatewayChaosFields } from './GatewayChaosFields';

/**
 * The simulated gateway's injected latency and failure rate. Read and written through the API:
 * the settings live in the memory of the process that serves /api/trpc, the one that charges cards.
 */
export function GatewayChaosForm() {
  const trpc = useTRPC();
  const { data: current, error } = useQuery(trpc.ops.gatewayChaos.queryOptions());
  return (
    <section className="card chaos-form" aria-labelledby="gateway-chaos-heading">
      <h2 id="gateway-chaos-heading">Payment gateway chaos</h2>
      <p className="hint">Lost answers: the gateway records the charge, then the shop sees 503; the retry finds the same charge.</p>
      {!current ? (
        <p className="muted">{error ? shopErrorOf(error).message : 'Loading…'}</p>
      ) : current.enabled ? (
        <GatewayChaosFields current={current} />
      ) : (
        <p className="muted" data-testid="gateway-chaos-off">
          Off on this server: the gateway behaves. To allow chaos (never in production), start the server with ENABLE_GATEWAY_CHAOS=1.
        </p>
      )}
    </section>
  );
}
