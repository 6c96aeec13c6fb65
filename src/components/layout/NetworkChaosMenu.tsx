'use client';
import { useId } from 'react';
import { useNetworkChaos } from '~/client/chaos/use-network-chaos';
import { useHydrated } from '~/client/use-hydrated';

const DROP_CHOICES = [1, 2, 3, 5] as const;
const LATENCY_CHOICES = [0, 300, 1000, 3000] as const;

/**
 * The visitor's network-chaos switch: lose responses after the server processed them, and slow
 * every request down. Kept in localStorage, so it survives reloads and applies to every tab.
 */
export function NetworkChaosMenu() {
  const [chaos, setChaos] = useNetworkChaos();
  const id = useId();
  const hydrated = useHydrated();
  const on = chaos.dropResponses > 0 || chaos.latencyMs > 0;
  return (
    <details className="chaos-menu">
      <summary>
        Network chaos: <strong className={on ? 'chaos-on' : undefined}>{on ? 'on' : 'off'}</strong>
      </summary>
      <fieldset className="chaos-panel" disabled={!hydrated}>
        <legend>Make the network misbehave</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={chaos.dropResponses > 0}
            onChange={(e) => setChaos({ ...chaos, dropResponses: e.target.checked ? 1 : 0 })}
          />
          Lose responses after the server processed them
        </label>
        <label htmlFor={`${id}-drops`}>Responses lost per payment</label>
        <select
          id={`${id}-drops`}
          value={chaos.dropResponses || 1}
          disabled={chaos.dropResponses === 0}
          onChange={(e) => setChaos({ ...chaos, dropResponses: Number(e.target.value) })}
        >
          {DROP_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n === 1 ? 'the first one' : `the first ${n}`}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-latency`}>Extra latency per request</label>
        <select id={`${id}-latency`} value={chaos.latencyMs} onChange={(e) => setChaos({ ...chaos, latencyMs: Number(e.target.value) })}>
          {LATENCY_CHOICES.map((ms) => (
            <option key={ms} value={ms}>
              {ms === 0 ? 'none' : `${ms} ms`}
            </option>
          ))}
        </select>
        <p className="hint">The shop retries with the same idempotency key, so you are still charged once.</p>
      </fieldset>
    </details>
  );
}
