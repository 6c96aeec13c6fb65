/**
 * Where one serving instance is in its life: warming up, serving, draining. Readiness reads it,
 * the tRPC handler counts its requests in it (the concurrency bound and the drain both need that
 * count), and the SIGTERM handler drains through it.
 */
export interface Lifecycle {
  /** Routes loaded, database connected, a first query answered: only then is the instance ready. */
  readonly warm: boolean;
  /** SIGTERM came: readiness says not ready and new requests are refused with a retryable 503. */
  readonly draining: boolean;
  /** tRPC requests whose work has not finished (an answered timeout still counts until its work ends). */
  readonly inFlight: number;
  markWarm(): void;
  startDraining(): void;
  /** Counts one request in; call the returned function once its work is over (idempotent). */
  enter(): () => void;
  /** Resolves once no request is in flight. */
  idle(): Promise<void>;
}

export function createLifecycle(): Lifecycle {
  let warm = false;
  let draining = false;
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  return {
    get warm() {
      return warm;
    },
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    markWarm() {
      warm = true;
    },
    startDraining() {
      draining = true;
    },
    enter() {
      inFlight++;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        if (--inFlight === 0) {
          const wake = waiters;
          waiters = [];
          for (const resolve of wake) resolve();
        }
      };
    },
    idle() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

// On `globalThis`: under Next.js, instrumentation.ts (which warms and drains), the tRPC route (which
// counts requests) and the readiness route are bundled separately and must share one lifecycle.
const globalForLifecycle = globalThis as unknown as { idemLifecycle?: Lifecycle };

/** This process's lifecycle, for the Next.js app. The plain Node server (`serveApi`) makes its own. */
export function processLifecycle(): Lifecycle {
  return (globalForLifecycle.idemLifecycle ??= createLifecycle());
}
