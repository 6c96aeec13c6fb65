import type { IdempotencyHandle } from '@idem/trpc-server';
import { withSpan } from './tracing';

/**
 * `ctx.idempotency` with a span around each phase (`idempotency.phase <name>`) and the finish
 * (`idempotency.finish`). A resumed request's phase that returns its stored result still gets its
 * span, marked `idempotency.resumed`, so a trace shows where the retry picked up.
 */
export function tracedIdempotencyHandle<TTx>(handle: IdempotencyHandle<TTx>): IdempotencyHandle<TTx> {
  const attributes = () => ({ 'idempotency.key': handle.key, 'idempotency.resumed': handle.resumed, 'idempotency.recovery_point': handle.recoveryPoint });
  return {
    get key() {
      return handle.key;
    },
    get scope() {
      return handle.scope;
    },
    get resumed() {
      return handle.resumed;
    },
    get recoveryPoint() {
      return handle.recoveryPoint;
    },
    derivedKey: (purpose) => handle.derivedKey(purpose),
    phase: (name, work) => withSpan(`idempotency.phase ${name}`, { attributes: { ...attributes(), 'idempotency.phase': name } }, () => handle.phase(name, work)),
    finish: (work) => withSpan('idempotency.finish', { attributes: attributes() }, () => handle.finish(work)),
  };
}
