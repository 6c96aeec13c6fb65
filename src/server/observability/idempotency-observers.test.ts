import { describe, expect, it } from 'vitest';
import { completerEventObserver, idempotencyObservers } from './idempotency-observers';
import { captureLogs } from './log-capture.test-support';
import { metrics } from './metrics';
import { principalHash, requestScopes, type RequestScope } from './request-scope';

const outcomeCount = async (outcome: string) => (await metrics.outcomes.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

describe('idempotency observers', () => {
  it('a hook writes one line under the request scope, counts the outcome and records it on the scope', async () => {
    const { logger, lines } = captureLogs('info');
    const scope: RequestScope = { log: logger.child({ requestId: 'req-1', attempt: 2 }), requestId: 'req-1', attempt: 2, startedAt: performance.now(), outcomes: [], keys: [] };
    const before = await outcomeCount('replayed');
    requestScopes.run(scope, () => idempotencyObservers.onReplayed?.({ scope: 'session-id-1', key: 'k-1', procedure: 'checkout.placeOrder', status: 200 }));
    expect(await outcomeCount('replayed')).toBe(before + 1);
    expect(scope.outcomes).toEqual(['replayed']);
    expect(scope.keys).toEqual(['k-1']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', event: 'idempotency', outcome: 'replayed', requestId: 'req-1', attempt: 2, key: 'k-1', procedure: 'checkout.placeOrder', status: 200, principal: principalHash('session-id-1') });
    expect(JSON.stringify(lines[0])).not.toContain('session-id-1');
    expect(typeof lines[0]?.durationMs).toBe('number');
  });

  it('a takeover or a lost lock is a warning', () => {
    const { logger, lines } = captureLogs('info');
    const scope: RequestScope = { log: logger, requestId: 'r', startedAt: performance.now(), outcomes: [], keys: [] };
    requestScopes.run(scope, () => {
      idempotencyObservers.onTakeover?.({ scope: 's', key: 'k', procedure: 'p', recoveryPoint: 'order_created' });
      idempotencyObservers.onLockLost?.({ scope: 's', key: 'k', procedure: 'p' });
    });
    expect(lines.map((l) => [l.level, l.outcome, l.recoveryPoint])).toEqual([
      ['warn', 'takeover', 'order_created'],
      ['warn', 'lock_lost', undefined],
    ]);
  });

  it("the completer's events: one line and one count each, swept by the number of records", async () => {
    const { logger, lines } = captureLogs('info');
    const observe = completerEventObserver(logger);
    const record = { id: 'rec-1', scope: 'session-id-2', key: 'k-2', procedure: 'checkout.placeOrder', recoveryPoint: 'order_created' };
    const [resumed, swept, flagged] = [await outcomeCount('completer_resumed'), await outcomeCount('swept'), await outcomeCount('completer_flagged')];
    observe({ type: 'resumed', record });
    observe({ type: 'swept', count: 7 });
    observe({ type: 'flagged', record, error: new Error('gave up') });
    expect([await outcomeCount('completer_resumed'), await outcomeCount('swept'), await outcomeCount('completer_flagged')]).toEqual([resumed + 1, swept + 7, flagged + 1]);
    expect(lines.map((l) => [l.level, l.outcome])).toEqual([
      ['info', 'completer_resumed'],
      ['info', 'swept'],
      ['warn', 'completer_flagged'],
    ]);
    expect(lines[0]).toMatchObject({ recordId: 'rec-1', key: 'k-2', principal: principalHash('session-id-2') });
    expect(lines[1]).toMatchObject({ count: 7 });
    expect(lines[2]?.err).toMatchObject({ message: 'gave up' });
    expect(JSON.stringify(lines)).not.toContain('session-id-2');
  });
});
