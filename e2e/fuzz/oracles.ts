/**
 * What every answer must satisfy, judged one exchange at a time: no 5xx (whole response or any
 * operation of a batch), an answer at all, a JSON body from the app, and nothing executed that had
 * no right to: a mutation without a valid session, an idempotent one without a valid key of its
 * own, an operator procedure without the credential, a name that is no procedure.
 */
import type { FuzzRequest } from './fuzz-request';
import type { RawOutcome, RawRequest } from './raw-http';
import type { Intent } from './render-request';

export interface Exchange {
  request: FuzzRequest;
  raw: RawRequest;
  intent: Intent;
  outcome: RawOutcome;
}

export const VIOLATION_KINDS = [
  'server-error',
  'no-response',
  'malformed-response',
  'executed-without-session',
  'executed-without-valid-key',
  'operator-without-credential',
  'unknown-procedure-executed',
  'cross-principal-order',
  'replay-without-prior-key',
  'key-reuse-across-principals',
  'replay-differs',
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** The kinds that mean one principal saw what belongs to another. */
export const CROSS_PRINCIPAL_KINDS: readonly ViolationKind[] = ['cross-principal-order', 'replay-without-prior-key', 'key-reuse-across-principals'];

export interface Violation {
  kind: ViolationKind;
  detail: string;
  exchange: Exchange;
}

/** One operation's outcome as the body tells it. */
export interface OpOutcome {
  ok: boolean;
  /** `error.data.httpStatus`, or the response status. */
  status: number;
  /** `error.data.code` */
  code: string | undefined;
  /** The success data, or the error's `data.details`: where order ids are. */
  data: unknown;
}

/** Statuses Node's own HTTP parser answers with (no X-Request-Id, empty body) for a request it cannot read. */
const PARSER_STATUSES = new Set([400, 413, 414, 431]);

/** The per-operation outcomes of a response body: one for a single call, one per element of a batch. */
export function opOutcomes(status: number, body: string): OpOutcome[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const elements = Array.isArray(parsed) ? parsed : [parsed];
  return elements.map((element) => {
    const e = (element ?? {}) as { result?: { data?: unknown }; error?: { data?: { httpStatus?: number; code?: string; details?: unknown } } };
    if (e.result !== undefined) return { ok: true, status, code: undefined, data: e.result.data };
    return { ok: false, status: e.error?.data?.httpStatus ?? status, code: e.error?.data?.code, data: e.error?.data?.details };
  });
}

/** Whether the response came from Node's HTTP parser rather than the app. */
export function fromParser(exchange: Exchange): boolean {
  return exchange.outcome.ok && exchange.outcome.response.headers['x-request-id'] === undefined;
}

/** The stateless checks of one exchange. */
export function judgeExchange(exchange: Exchange): Violation[] {
  const { outcome, intent } = exchange;
  const violation = (kind: ViolationKind, detail: string): Violation => ({ kind, detail, exchange });
  if (!outcome.ok) return outcome.reason === 'reset-while-sending' || outcome.reason === 'abandoned' ? [] : [violation('no-response', `${outcome.reason}: ${outcome.detail}`)];
  const { status, body, headers } = outcome.response;
  const found: Violation[] = [];
  if (status >= 500) found.push(violation('server-error', `HTTP ${status}: ${body.slice(0, 300)}`));
  if (headers['x-request-id'] === undefined) {
    if (!PARSER_STATUSES.has(status) || body !== '') found.push(violation('malformed-response', `HTTP ${status} without X-Request-Id: ${body.slice(0, 200)}`));
    return found;
  }
  if (body === '') return found; // HEAD, OPTIONS
  const ops = opOutcomes(status, body);
  if (ops === null) return [...found, violation('malformed-response', `HTTP ${status} body is not JSON: ${body.slice(0, 200)}`)];
  ops.forEach((op, i) => {
    const info = intent.ops[i];
    const name = info?.procedure ?? `#${i}`;
    if (op.status >= 500 && status < 500) found.push(violation('server-error', `operation ${i} (${name}) failed with ${op.status} ${op.code ?? ''} inside HTTP ${status}`));
    if (!op.ok || info === undefined) return;
    if (info.info === undefined) found.push(violation('unknown-procedure-executed', `operation ${i} (${JSON.stringify(name)}) succeeded`));
    else if (info.info.operator) found.push(violation('operator-without-credential', `operation ${i} (${name}) succeeded`));
    else if (info.info.type === 'mutation' && intent.principal === null) found.push(violation('executed-without-session', `operation ${i} (${name}) succeeded without a valid session cookie`));
    else if (info.info.idempotent && info.key.state === 'invalid') found.push(violation('executed-without-valid-key', `operation ${i} (${name}) succeeded without a valid key of its own`));
  });
  if (intent.principal === null && headers['idempotent-replayed'] !== undefined) found.push(violation('replay-without-prior-key', 'a request without a valid session was answered with a replay'));
  return found;
}

/** Every `orderId` a response shows its principal (success data and error details), of every operation. */
export function orderIdsShown(exchange: Exchange): string[] {
  if (!exchange.outcome.ok || fromParser(exchange)) return [];
  const ops = opOutcomes(exchange.outcome.response.status, exchange.outcome.response.body) ?? [];
  const ids: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'orderId' && typeof v === 'string') ids.push(v);
      else walk(v, depth + 1);
    }
  };
  for (const op of ops) walk(op.data, 0);
  return ids;
}
