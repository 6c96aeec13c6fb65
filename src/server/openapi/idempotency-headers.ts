import { MAX_KEY_LENGTH } from '@idem/trpc-server';

/** Component names, referenced by every idempotent operation. */
export const IDEMPOTENCY_KEY_PARAMETER = 'IdempotencyKey';
export const HEADER = {
  replayed: 'IdempotentReplayed',
  expires: 'IdempotencyExpires',
  retryAfter: 'RetryAfter',
  retryAfterIfInProgress: 'RetryAfterIfInProgress',
  requestId: 'RequestId',
  wwwAuthenticate: 'WwwAuthenticate',
} as const;

export const parameterRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });
export const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * The request header of docs/API.md and the IETF draft, with the batch extension of
 * @idem/trpc-server (one key per operation, since a batch shares one set of headers).
 */
export const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: [
    `One key per user intent, reused on every retry of that intent (UUIDv7 recommended): 1–${MAX_KEY_LENGTH} visible ASCII characters,`,
    'sent as a structured-field String (`"0190…"`) or as the bare token (`0190…`).',
    'Keys are scoped per principal and remembered for 24 h.',
    'Batch (`POST /api/trpc/a,b,c?batch=1`): a structured-field List of Strings, one member per operation in batch order,',
    '`""` for an operation that needs no key: `Idempotency-Key: "k1", "", "k3"`.',
  ].join(' '),
  schema: { type: 'string', minLength: 1 },
  examples: {
    single: { value: '"01912d68-783e-7a03-8467-5661c1243ad4"' },
    bare: { value: '01912d68-783e-7a03-8467-5661c1243ad4' },
    batch: { value: '"01912d68-783e-7a03-8467-5661c1243ad4", "", "01912d68-7b2a-7f4c-9f0e-2a8d3c1b5e77"' },
  },
};

export const responseHeaders = {
  [HEADER.replayed]: {
    description: 'Present, with the value `true`, when this response is the stored outcome of an earlier request with the same key; nothing ran again.',
    schema: { type: 'string', enum: ['true'] },
  },
  [HEADER.expires]: {
    description:
      'When the key expires (HTTP-date, RFC 9110 §5.6.7); after that the same key is a new request. In a batch: the earliest expiry among its keys.',
    schema: { type: 'string', examples: ['Wed, 21 Oct 2026 07:28:00 GMT'] },
  },
  [HEADER.retryAfter]: {
    description: 'Seconds to wait before retrying with the same key.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
  },
  [HEADER.retryAfterIfInProgress]: {
    description: 'With `IDEMPOTENCY_REQUEST_IN_PROGRESS`: seconds to wait before retrying with the same key. Absent on the business 409s (`ORDER_NOT_PAYABLE`, `ORDER_NOT_CANCELLABLE`), which are final answers.',
    schema: { type: 'integer', minimum: 0 },
  },
  [HEADER.requestId]: {
    description: 'On every response: the request\'s `X-Request-Id` when it sent a valid one (visible ASCII, at most 128 characters), else one the server made. A 5xx body repeats it as `error.data.requestId`.',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  },
  [HEADER.wwwAuthenticate]: {
    description: 'The operator credential the server expects: `Bearer realm="idem-ops"`.',
    schema: { type: 'string' },
  },
};
