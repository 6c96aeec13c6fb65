import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { logger, type Logger } from './logger';

/** What is known about the request being served, for log lines written far from its handler. */
export interface RequestScope {
  /** The request's logger: its lines carry `requestId`, and `traceId` / `attempt` when known. */
  log: Logger;
  requestId: string;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  /** The W3C trace id, when a `traceparent` came in (or tracing started a trace). */
  traceId?: string;
  /** The link's attempt number for this key (`Idempotency-Attempt`), 1 for the first send. */
  attempt?: number;
  /** `principalHash` of the session the request acts for, once the context has resolved it. */
  principal?: string;
  /** The idempotency outcomes its operations had (executed, replayed, conflict, …), in order. */
  outcomes: string[];
  /** The keys the idempotency middleware saw, in order. */
  keys: string[];
}

// On `globalThis`: Next.js may bundle this module more than once; a scope set by the handler must
// be the one the hooks read.
const globalForScope = globalThis as unknown as { idemRequestScope?: AsyncLocalStorage<RequestScope> };

/** Holds the current request's scope across its awaits; set by the tRPC handler around each request. */
export const requestScopes: AsyncLocalStorage<RequestScope> = (globalForScope.idemRequestScope ??= new AsyncLocalStorage<RequestScope>());

/** The current request's logger, or the process's (the completer, startup) outside a request. */
export function currentLog(): Logger {
  return requestScopes.getStore()?.log ?? logger;
}

/**
 * A principal as logs may name it: the first 16 hex digits of its SHA-256. The same session gives
 * the same value on every line (so its requests can be followed), while the session id itself — a
 * bearer secret inside the signed cookie — never reaches a log.
 */
export function principalHash(principal: string): string {
  return createHash('sha256').update(principal).digest('hex').slice(0, 16);
}
