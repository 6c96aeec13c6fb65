import { IDEMPOTENCY_ERRORS, type IdempotencyErrorCode } from '@idem/trpc-server';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ERROR_RESPONSE } from './error-envelope';
import { HEADER, headerRef } from './idempotency-headers';

/** One machine-readable code (`error.data.code`) an operation can answer with. */
export interface DocumentedError {
  code: string;
  /** The tRPC code it is thrown with; the HTTP status and JSON-RPC number follow from it. */
  trpcCode: TRPC_ERROR_CODE_KEY;
  when: string;
  /** Stored with the key and replayed to every retry (deterministic business outcomes). */
  stored?: boolean;
}

/** What decides which errors an operation can return. */
export interface OperationTraits {
  type: 'query' | 'mutation';
  idempotent: boolean;
  hasInput: boolean;
}

/** When each protocol code is answered; `satisfies`: a new code in @idem/trpc-server fails the build until documented. */
const IDEMPOTENCY_ERROR_WHEN = {
  IDEMPOTENCY_KEY_MISSING: 'no `Idempotency-Key`, or no key for this operation of a batch',
  IDEMPOTENCY_KEY_INVALID: 'the key is empty, longer than 255 characters or not visible ASCII',
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 'a request with this key is still running; retry after `Retry-After` (retryable)',
  IDEMPOTENCY_KEY_REUSED: 'the key was already used with another procedure or input',
} satisfies Record<IdempotencyErrorCode, string>;

/** Every error an operation with these traits can return, in the order the server checks them. */
export function documentedErrors(
  op: OperationTraits,
  businessErrors: Readonly<Record<string, TRPC_ERROR_CODE_KEY>>,
): DocumentedError[] {
  const errors: DocumentedError[] = [];
  if (op.idempotent) {
    for (const [code, when] of Object.entries(IDEMPOTENCY_ERROR_WHEN)) errors.push({ code, trpcCode: IDEMPOTENCY_ERRORS[code as IdempotencyErrorCode].trpcCode, when });
  }
  // The idempotency middleware reads the raw input for the fingerprint, so it can meet bad JSON too.
  if (op.hasInput || op.idempotent) errors.push({ code: 'PARSE_ERROR', trpcCode: 'PARSE_ERROR', when: 'the input is not valid JSON' });
  if (op.hasInput) {
    errors.push({ code: 'BAD_REQUEST', trpcCode: 'BAD_REQUEST', when: 'the input fails validation; `data.zodError` says which fields' });
  }
  if (op.type === 'mutation') {
    errors.push({ code: 'PAYLOAD_TOO_LARGE', trpcCode: 'PAYLOAD_TOO_LARGE', when: 'the request body is larger than the server accepts' });
    errors.push({
      code: 'PRECONDITION_FAILED',
      trpcCode: 'PRECONDITION_FAILED',
      when: 'a conditional update carried a stale resource `version`',
    });
  }
  // The shop's codes are not declared per procedure, so every operation lists all of them: a
  // procedure throws only the ones that apply to it.
  for (const [code, trpcCode] of Object.entries(businessErrors)) {
    // What the default outcome policy stores: deterministic 4xx. A 5xx is an unknown outcome, retried with the same key.
    const stored = op.idempotent && httpStatusOf(trpcCode) < 500;
    const when = !op.idempotent ? 'business rule' : stored ? 'business rule; stored with the key and replayed to every retry' : 'transient; not stored: retry with the same key';
    errors.push({ code, trpcCode, when, stored });
  }
  errors.push({
    code: 'INTERNAL_SERVER_ERROR',
    trpcCode: 'INTERNAL_SERVER_ERROR',
    when: 'unexpected failure; nothing was stored and earlier steps may have committed: retry with the same key, which resumes without running anything twice',
  });
  return errors;
}

export const httpStatusOf = (trpcCode: TRPC_ERROR_CODE_KEY): number => getHTTPStatusCodeFromError(new TRPCError({ code: trpcCode }));

/**
 * OpenAPI response objects, one per HTTP status, each naming the codes it can carry: the shared
 * envelope narrowed to those `data.code` values, their JSON-RPC numbers and the status.
 */
export function errorResponses(errors: DocumentedError[]): Record<string, unknown> {
  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of errors) {
    const status = httpStatusOf(error.trpcCode);
    byStatus.set(status, [...(byStatus.get(status) ?? []), error]);
  }

  const responses: Record<string, unknown> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers: Record<string, unknown> = {};
    // Required when every code of the status comes with it; a business 409 beside in-progress has none.
    if (group.some((e) => e.code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS')) headers['Retry-After'] = headerRef(group.length === 1 ? HEADER.retryAfter : HEADER.retryAfterIfInProgress);
    if (group.some((e) => e.code === 'OPERATOR_CREDENTIAL_REQUIRED')) headers['WWW-Authenticate'] = headerRef(HEADER.wwwAuthenticate);
    if (status >= 500) headers['X-Request-Id'] = headerRef(HEADER.requestId);
    if (group.some((e) => e.stored)) {
      headers['Idempotent-Replayed'] = headerRef(HEADER.replayed);
      headers['Idempotency-Expires'] = headerRef(HEADER.expires);
    }
    responses[String(status)] = {
      description: group.map((e) => `\`${e.code}\`: ${e.when}.`).join(' '),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { 'application/json': { schema: narrowedEnvelope(status, group) } },
    };
  }
  return responses;
}

function narrowedEnvelope(status: number, group: DocumentedError[]) {
  const rpcCodes = [...new Set(group.map((e) => TRPC_ERROR_CODES_BY_KEY[e.trpcCode]))];
  return {
    allOf: [
      { $ref: `#/components/schemas/${ERROR_RESPONSE}` },
      {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { enum: rpcCodes },
              data: {
                type: 'object',
                properties: { code: { enum: group.map((e) => e.code) }, httpStatus: { const: status } },
              },
            },
          },
        },
      },
    ],
  };
}
