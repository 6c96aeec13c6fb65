/**
 * Whether a result context (success) or an error's `meta` (failure) — both `{ response,
 * responseJSON }` from tRPC's HTTP links — says the server replayed a stored outcome.
 * `batched`: the response carried several operations, whose headers are shared.
 */
export function replayOf(context: unknown): { batched: boolean } | undefined {
  const { response, responseJSON } = (context ?? {}) as { response?: { headers?: { get?: unknown } }; responseJSON?: unknown };
  const headers = response?.headers;
  if (typeof headers?.get !== 'function') return undefined;
  if ((headers as Headers).get('idempotent-replayed') !== 'true') return undefined;
  return { batched: Array.isArray(responseJSON) && responseJSON.length > 1 };
}
