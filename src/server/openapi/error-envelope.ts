import type { JsonSchema } from './zod-component';

/** Component names of the shared schemas below. */
export const ERROR_RESPONSE = 'ErrorResponse';
export const ZOD_FLATTENED_ERROR = 'ZodFlattenedError';

/**
 * tRPC's error envelope as this app's `errorFormatter` shapes it (src/server/trpc.ts): tRPC's own
 * shape plus `data.code`, `data.retryable`, `data.zodError` and, on a 5xx, `data.requestId`. No
 * body carries a stack trace. Objects stay open (no `additionalProperties: false`) so that fields
 * added later do not break clients validating against an older document.
 */
export const errorResponseSchema: JsonSchema = {
  type: 'object',
  description: "tRPC's error envelope. Branch on `error.data.code`, never on `message`.",
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'data'],
      properties: {
        message: { type: 'string', description: 'For humans; wording may change.' },
        code: { type: 'integer', description: "JSON-RPC 2.0 error number in tRPC's numbering (e.g. -32600 BAD_REQUEST)." },
        data: {
          type: 'object',
          required: ['code', 'httpStatus', 'retryable', 'zodError'],
          properties: {
            code: {
              type: 'string',
              description: 'Stable machine-readable code: an idempotency or business code, else the tRPC code (BAD_REQUEST, PARSE_ERROR, …).',
            },
            httpStatus: { type: 'integer', description: 'The HTTP status of this response.' },
            path: { type: 'string', description: 'The procedure path, e.g. `checkout.placeOrder`.' },
            retryable: {
              type: 'boolean',
              description: 'Whether sending the same request again (same key) can succeed, e.g. true for 409 in progress.',
            },
            zodError: {
              description: 'Which input fields failed validation (BAD_REQUEST); null for every other error.',
              oneOf: [{ type: 'null' }, { $ref: `#/components/schemas/${ZOD_FLATTENED_ERROR}` }],
            },
            requestId: {
              type: 'string',
              description: 'On 5xx only: the `X-Request-Id` of this response, under which the server logged the cause. Quote it when reporting the failure.',
            },
          },
        },
      },
    },
  },
};

/** `z.flattenError(zodError)`: messages for the whole input and per top-level field. */
export const zodFlattenedErrorSchema: JsonSchema = {
  type: 'object',
  required: ['formErrors', 'fieldErrors'],
  properties: {
    formErrors: { type: 'array', items: { type: 'string' } },
    fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
};
