'use client';
import { useSyncExternalStore } from 'react';
import { useIdempotencyMonitor } from '~/client/idempotency-monitor-context';

const NOTHING: readonly never[] = [];

/** Site-wide: how many mutations the link is retrying right now (from its monitor). */
export function RetryingRequestsIndicator() {
  const monitor = useIdempotencyMonitor();
  const retrying = useSyncExternalStore(monitor.subscribe, monitor.getSnapshot, () => NOTHING);
  if (retrying.length === 0) return null;
  return (
    <span className="retrying-indicator" title={retrying.map((r) => `${r.path}: attempt ${r.attempt} of ${r.maxAttempts}`).join('\n')}>
      <span className="spinner" aria-hidden="true" />
      Retrying {retrying.length} {retrying.length === 1 ? 'request' : 'requests'}
    </span>
  );
}
