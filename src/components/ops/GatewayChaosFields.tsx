'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { shopErrorOf } from '~/client/shop-error';
import type { GatewayChaos } from '~/client/shop-types';
import { useTRPC } from '~/client/trpc';

/** The form, once the current settings are known. */
export function GatewayChaosFields({ current }: { current: GatewayChaos }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [latencyMs, setLatencyMs] = useState(String(current.latencyMs));
  const [failurePercent, setFailurePercent] = useState(String(Math.round(current.failureRate * 100)));
  const save = useMutation(trpc.ops.setGatewayChaos.mutationOptions({ onSuccess: (saved) => queryClient.setQueryData(trpc.ops.gatewayChaos.queryKey(), saved) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ latencyMs: Number(latencyMs), failureRate: Number(failurePercent) / 100 });
  }

  return (
    <form className="chaos-fields" onSubmit={submit} aria-label="Payment gateway chaos">
      <div className="field">
        <label htmlFor="gateway-latency">Latency per charge (ms)</label>
        <input id="gateway-latency" type="number" min={0} max={30000} step={1} required value={latencyMs} onChange={(e) => setLatencyMs(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="gateway-failure">Lost answers (% of charges)</label>
        <input id="gateway-failure" type="number" min={0} max={100} step={1} required value={failurePercent} onChange={(e) => setFailurePercent(e.target.value)} />
      </div>
      <div className="chaos-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save gateway chaos'}
        </button>
        <p role="status" className="form-status">
          {save.isSuccess ? 'Saved.' : save.isError ? shopErrorOf(save.error).message : null}
        </p>
      </div>
    </form>
  );
}
