import type { AnyTRPCRouter } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { z } from 'zod';
import { isOperatorErrorCode, SHOP_ERRORS } from '../errors';
import { TRPC_ENDPOINT } from '../http/trpc-handler';
import type { Meta } from '../trpc';
import { ERROR_RESPONSE, ZOD_FLATTENED_ERROR, errorResponseSchema, zodFlattenedErrorSchema } from './error-envelope';
import { documentedErrors, errorResponses } from './error-responses';
import { HEADER, IDEMPOTENCY_KEY_PARAMETER, headerRef, idempotencyKeyParameter, parameterRef, responseHeaders } from './idempotency-headers';
import { acceptsUndefined, addZodComponent, type JsonSchema, type SchemaComponents } from './zod-component';

export interface GenerateOpenApiDocumentOptions {
  /**
   * `info.title`.
   * @default 'Idem checkout API'
   */
  title?: string;
  /**
   * `info.version`: the version of the API, not of OpenAPI.
   * @default '0.1.0'
   */
  version?: string;
  /**
   * Where the tRPC fetch handler is mounted; operations live at `{endpoint}/{path}`.
   * @default TRPC_ENDPOINT ('/api/trpc')
   */
  endpoint?: string;
  /**
   * Business codes (`error.data.code`) and the tRPC code each is thrown with.
   * @default the codes of SHOP_ERRORS (src/server/errors.ts)
   */
  businessErrors?: Readonly<Record<string, TRPC_ERROR_CODE_KEY>>;
}

/** Each business code with the tRPC code it is thrown with, from the one table. */
const SHOP_ERROR_TRPC_CODES = Object.fromEntries(Object.entries(SHOP_ERRORS).map(([code, { trpcCode }]) => [code, trpcCode]));

/** The OpenAPI 3.1 document: plain JSON, ready to serve. */
export type OpenApiDocument = { openapi: '3.1.0'; paths: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/** What the generator reads from a procedure; `output` exists at runtime only after `.output()`. */
interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  inputs: unknown[];
  output?: unknown;
  meta?: Meta;
}

const JSON_CONTENT = 'application/json';

/** The security scheme of operator procedures (`operatorProcedure`). */
const OPERATOR_SECURITY_SCHEME = 'operatorToken';

/**
 * The API contract as OpenAPI 3.1, derived from the router itself: every procedure, its zod input
 * and output schemas, its meta, and the idempotency contract of @idem/trpc-server. Nothing is
 * written per procedure, so a procedure added to the router is documented by being added.
 *
 * Mapping (plain JSON, no transformer): query → `GET {endpoint}/{path}?input=<URL-encoded JSON>`;
 * mutation → `POST {endpoint}/{path}` with the JSON input as body; success → 200
 * `{"result":{"data": output}}`. Subscriptions are not plain request/response and are left out.
 */
export function generateOpenApiDocument(router: AnyTRPCRouter, options: GenerateOpenApiDocumentOptions = {}): OpenApiDocument {
  const { title = 'Idem checkout API', version = '0.1.0', endpoint = TRPC_ENDPOINT, businessErrors = SHOP_ERROR_TRPC_CODES } = options;
  const schemas: SchemaComponents = { [ERROR_RESPONSE]: errorResponseSchema, [ZOD_FLATTENED_ERROR]: zodFlattenedErrorSchema };
  const paths: OpenApiDocument['paths'] = {};

  // `_def.procedures` is the flat map of dotted paths tRPC itself dispatches on. Lazy sub-routers
  // appear there only once loaded; this app has none.
  const procedures = Object.entries(router._def.procedures as Record<string, { _def: ProcedureDef }>);
  for (const [path, { _def: def }] of procedures.sort(([a], [b]) => a.localeCompare(b))) {
    if (def.type === 'subscription') continue;
    paths[`${endpoint}/${path}`] = { [def.type === 'query' ? 'get' : 'post']: operation(path, def, schemas, businessErrors) };
  }

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title,
      version,
      description: [
        'tRPC v11 over plain HTTP and JSON (no data transformer). Generated from the procedures\' zod schemas.',
        'Operations marked `x-idempotent` require an `Idempotency-Key`: a retry with the same key and input gets the stored',
        'status and body, byte-identical, with `Idempotent-Replayed: true`, and nothing runs twice.',
        'Batches: `POST /api/trpc/a,b?batch=1` with body `{"0": inputA, "1": inputB}` and one key per operation.',
        'The full contract, with examples: docs/API.md.',
      ].join(' '),
    },
    paths,
    components: {
      schemas,
      parameters: { [IDEMPOTENCY_KEY_PARAMETER]: idempotencyKeyParameter },
      headers: responseHeaders,
      securitySchemes: {
        [OPERATOR_SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'The operator credential: `Authorization: Bearer <OPS_TOKEN>` (or the cookie the /ops sign-in form sets). Unset OPS_TOKEN turns operator access off (403).',
        },
      },
    },
  };
}

function operation(
  path: string,
  def: ProcedureDef,
  schemas: SchemaComponents,
  businessErrors: Readonly<Record<string, TRPC_ERROR_CODE_KEY>>,
) {
  const type = def.type === 'query' ? 'query' : 'mutation';
  const idempotent = def.meta?.idempotent === true;
  const name = componentName(path);
  const zodInputs = def.inputs.filter(isZodSchema);
  const input = inputSchema(zodInputs, def.inputs.length, name, schemas);
  const inputRequired = zodInputs.length > 0 && !zodInputs.every(acceptsUndefined);
  const output = isZodSchema(def.output) ? addZodComponent(schemas, `${name}Output`, def.output, 'output') : undefined;

  const parameters: unknown[] = idempotent ? [parameterRef(IDEMPOTENCY_KEY_PARAMETER)] : [];
  if (input && type === 'query') {
    parameters.push({
      name: 'input',
      in: 'query',
      required: inputRequired,
      description: 'The input as JSON, URL-encoded.',
      content: { [JSON_CONTENT]: { schema: input } },
    });
  }

  // Operator codes belong to operator procedures only, and those answer no shopper's business codes.
  const operator = def.meta?.operator === true;
  const codes = Object.fromEntries(Object.entries(businessErrors).filter(([code]) => isOperatorErrorCode(code) === operator));
  const errors = documentedErrors({ type, idempotent, hasInput: input !== undefined }, codes);
  return {
    operationId: path,
    tags: [path.split('.')[0]],
    ...(def.meta?.summary ? { summary: def.meta.summary } : {}),
    ...(idempotent ? { 'x-idempotent': true } : {}),
    ...(operator ? { security: [{ [OPERATOR_SECURITY_SCHEME]: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(input && type === 'mutation' ? { requestBody: { required: inputRequired, content: { [JSON_CONTENT]: { schema: input } } } } : {}),
    responses: {
      200: {
        description: idempotent ? 'Executed, or the stored result of an earlier request with this key (`Idempotent-Replayed: true`).' : 'OK',
        ...(idempotent ? { headers: { 'Idempotent-Replayed': headerRef(HEADER.replayed), 'Idempotency-Expires': headerRef(HEADER.expires) } } : {}),
        content: { [JSON_CONTENT]: { schema: successSchema(output) } },
      },
      ...errorResponses(errors),
    },
  };
}

/** tRPC merges the inputs of chained `.input()` calls; a non-zod parser cannot be described. */
function inputSchema(zodInputs: z.core.$ZodType[], parserCount: number, name: string, schemas: SchemaComponents): JsonSchema | undefined {
  if (parserCount === 0) return undefined;
  const described = zodInputs.map((schema, i) => addZodComponent(schemas, zodInputs.length === 1 ? `${name}Input` : `${name}Input${i}`, schema, 'input'));
  const undescribed = parserCount > zodInputs.length ? [{ description: 'Validated by a parser that is not a zod schema.' }] : [];
  const parts = [...described, ...undescribed];
  return parts.length === 1 ? parts[0] : { allOf: parts };
}

function successSchema(output: JsonSchema | undefined): JsonSchema {
  const data = output ?? { description: 'The procedure has no `.output()` schema; see its summary and the TypeScript types.' };
  return {
    type: 'object',
    required: ['result'],
    properties: { result: { type: 'object', ...(output ? { required: ['data'] } : {}), properties: { data } } },
  };
}

function isZodSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** `checkout.placeOrder` → `CheckoutPlaceOrder`, the style code generators expect of schema names. */
function componentName(path: string): string {
  return path
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
