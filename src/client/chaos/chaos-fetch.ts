import { readNetworkChaos } from './network-chaos-store';

/** Responses lost so far, per `Idempotency-Key` header: each keyed mutation loses its first N. */
const droppedByKey = new Map<string, number>();

/**
 * `fetch` with the visitor's network chaos (see `NetworkChaos`): added latency, and responses to
 * keyed mutations thrown away after the server processed them — the failure that makes a naive
 * retry pay twice. The error is the one Chromium gives for a lost connection, so the link treats
 * it as a network failure and retries with the same key.
 */
export const chaosFetch: typeof fetch = async (input, init) => {
  const chaos = readNetworkChaos();
  if (chaos.latencyMs > 0) await wait(chaos.latencyMs, init?.signal);
  const response = await fetch(input, init);
  const key = init?.method === 'POST' ? new Headers(init.headers).get('idempotency-key') : null;
  if (!key || !/[^",\s]/.test(key)) return response; // not a keyed mutation
  const dropped = droppedByKey.get(key) ?? 0;
  if (dropped >= chaos.dropResponses) return response;
  droppedByKey.set(key, dropped + 1);
  await response.arrayBuffer(); // the server finished its work; only the answer gets lost
  throw new TypeError('Failed to fetch');
};

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
