import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isOperatorErrorCode, SHOP_ERRORS } from '../errors';
import { appRouter } from '../root';
import { createTRPCRouter, idempotentProcedure, publicProcedure, type Meta } from '../trpc';
import { httpStatusOf } from './error-responses';
import { generateOpenApiDocument, type OpenApiDocument } from './generate-openapi';
import { describeErrors, documentSchemaValidator, pointerSegment } from './schema-validator.test-support';

type Operation = {
  parameters?: { $ref?: string; name?: string; required?: boolean; content?: Record<string, { schema: unknown }> }[];
  requestBody?: { required: boolean; content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { headers?: Record<string, unknown>; content: Record<string, { schema: unknown }> }>;
  'x-idempotent'?: boolean;
};

const operationOf = (doc: OpenApiDocument, path: string, method: 'get' | 'post') => doc.paths[`/api/trpc/${path}`]?.[method] as Operation;
const components = (doc: OpenApiDocument) => doc.components as { schemas: Record<string, Record<string, unknown>> };
const dataCodes = (op: Operation, status: number) => {
  const schema = op.responses[status]?.content['application/json']?.schema as { allOf: [unknown, { properties: { error: { properties: { data: { properties: { code: { enum: string[] } } } } } } }] };
  return schema.allOf[1].properties.error.properties.data.properties.code.enum;
};

/** Every schema the document embeds: components, parameters, bodies and responses. */
function schemaPointers(doc: OpenApiDocument): string[] {
  const pointers = Object.keys(components(doc).schemas).map((name) => `#/components/schemas/${pointerSegment(name)}`);
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, Operation>)) {
      const base = `#/paths/${pointerSegment(path)}/${method}`;
      if (op.requestBody) pointers.push(`${base}/requestBody/content/application~1json/schema`);
      for (const status of Object.keys(op.responses)) pointers.push(`${base}/responses/${status}/content/application~1json/schema`);
    }
  }
  return pointers;
}

describe('generateOpenApiDocument(appRouter)', () => {
  const doc = generateOpenApiDocument(appRouter);
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: z.ZodType[]; meta?: Meta } }>);

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('embeds only schemas that compile as strict JSON Schema 2020-12', () => {
    const { at } = documentSchemaValidator(doc);
    const pointers = schemaPointers(doc);
    expect(pointers.length).toBeGreaterThan(10);
    for (const pointer of pointers) expect(() => at(pointer), pointer).not.toThrow();
  });

  it('documents every procedure of the router, queries as GET and mutations as POST', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(2);
    for (const [path, { _def }] of procedures) {
      const method = _def.type === 'query' ? 'get' : 'post';
      expect(Object.keys(doc.paths[`/api/trpc/${path}`] ?? {}), path).toEqual([method]);
    }
    expect(Object.keys(doc.paths)).toHaveLength(procedures.length);
  });

  it('requires Idempotency-Key on idempotent procedures and lists 409 with Retry-After and 422', () => {
    const idempotent = procedures.filter(([, { _def }]) => _def.meta?.idempotent);
    expect(idempotent.map(([path]) => path)).toContain('checkout.placeOrder');
    for (const [path] of idempotent) {
      const op = operationOf(doc, path, 'post');
      expect(op['x-idempotent']).toBe(true);
      expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      expect(dataCodes(op, 400)).toEqual(expect.arrayContaining(['IDEMPOTENCY_KEY_MISSING', 'IDEMPOTENCY_KEY_INVALID', 'PARSE_ERROR', 'BAD_REQUEST']));
      // The protocol's in-progress first; the shop's own 409s (an order not payable now) follow.
      expect(dataCodes(op, 409)).toEqual(['IDEMPOTENCY_REQUEST_IN_PROGRESS', 'ORDER_NOT_PAYABLE', 'ORDER_NOT_CANCELLABLE', 'PAYMENT_ATTEMPTS_EXHAUSTED']);
      // Retry-After for in-progress; the replay headers for the stored business 409s.
      expect(op.responses[409]?.headers).toEqual({
        'Retry-After': { $ref: '#/components/headers/RetryAfterIfInProgress' },
        'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' },
        'Idempotency-Expires': { $ref: '#/components/headers/IdempotencyExpires' },
      });
      expect(dataCodes(op, 422)).toContain('IDEMPOTENCY_KEY_REUSED');
      expect(Object.keys(op.responses[200]?.headers ?? {})).toEqual(['Idempotent-Replayed', 'Idempotency-Expires']);
    }
    const header = (doc.components as { parameters: Record<string, { name: string; in: string; required: boolean }> }).parameters.IdempotencyKey;
    expect(header).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: true });
  });

  it('never asks for a key on queries', () => {
    const op = operationOf(doc, 'catalog.list', 'get');
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'input', in: 'query', required: false })]); // its optional filter, no key
    expect(op['x-idempotent']).toBeUndefined();
    expect(JSON.stringify(op.responses)).not.toContain('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect(op.responses[409]?.headers).toBeUndefined(); // no Retry-After: the 409s left are business answers
  });

  it('lists every business code of src/server/errors.ts under its status', () => {
    const op = operationOf(doc, 'checkout.placeOrder', 'post');
    const business = Object.entries(SHOP_ERRORS).filter(([code]) => !isOperatorErrorCode(code));
    const operator = Object.keys(SHOP_ERRORS).filter(isOperatorErrorCode);
    expect(business.length).toBeGreaterThan(0);
    expect(operator.length).toBeGreaterThan(0);
    for (const [code, { trpcCode }] of business) expect(dataCodes(op, httpStatusOf(trpcCode)), code).toContain(code);
    for (const code of operator) expect(JSON.stringify(op.responses), code).not.toContain(code);
    expect(dataCodes(op, 422)).toContain('OUT_OF_STOCK');
    expect(dataCodes(op, 412)).toEqual(['PRECONDITION_FAILED', 'CART_VERSION_STALE']);
    expect(dataCodes(op, 413)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(dataCodes(op, 500)).toEqual(['INTERNAL_SERVER_ERROR']);
  });

  it('marks every ops.* operation as needing the operator credential, with its 401 and 403 codes, and no shopper operation', () => {
    const opsPaths = procedures.map(([path]) => path).filter((path) => path.startsWith('ops.'));
    expect(opsPaths.length).toBeGreaterThan(0);
    for (const path of opsPaths) {
      const method = Object.keys(doc.paths[`/api/trpc/${path}`]!)[0] as 'get' | 'post';
      const op = operationOf(doc, path, method) as ReturnType<typeof operationOf> & { security?: unknown };
      expect(op.security, path).toEqual([{ operatorToken: [] }]);
      expect(dataCodes(op, 401), path).toEqual(['OPERATOR_CREDENTIAL_REQUIRED']);
      expect(op.responses[401]?.headers, path).toEqual({ 'WWW-Authenticate': { $ref: '#/components/headers/WwwAuthenticate' } });
      expect(dataCodes(op, 403), path).toEqual(expect.arrayContaining(['OPERATOR_ACCESS_DISABLED']));
      expect(dataCodes(op, 500), path).toEqual(['INTERNAL_SERVER_ERROR']);
    }
    expect(dataCodes(operationOf(doc, 'ops.setGatewayChaos', 'post'), 403)).toEqual(['OPERATOR_ACCESS_DISABLED', 'GATEWAY_CHAOS_DISABLED']);
    expect((operationOf(doc, 'checkout.placeOrder', 'post') as { security?: unknown }).security).toBeUndefined();
    expect(components(doc)).toMatchObject({ securitySchemes: { operatorToken: { type: 'http', scheme: 'bearer' } } });
  });

  it('names the request id on every 5xx', () => {
    const op = operationOf(doc, 'checkout.placeOrder', 'post');
    expect(op.responses[500]?.headers).toMatchObject({ 'X-Request-Id': { $ref: '#/components/headers/RequestId' } });
    expect(JSON.stringify(components(doc).schemas.ErrorResponse)).toContain('"requestId"');
  });

  it("documents placeOrder's input exactly as zod converts it", () => {
    const op = operationOf(doc, 'checkout.placeOrder', 'post');
    expect(op.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CheckoutPlaceOrderInput' } } } });
    const [input] = procedures.find(([path]) => path === 'checkout.placeOrder')![1]._def.inputs;
    const { $schema: _, ...expected } = z.toJSONSchema(input!, { target: 'draft-2020-12', io: 'input' });
    const schema = components(doc).schemas.CheckoutPlaceOrderInput;
    expect(schema).toEqual(expected);
    // Either the session's cart at a version, or items bought directly; contact and address are
    // required to place a new order (400 CHECKOUT_DETAILS_REQUIRED), said in their description:
    // the schema lets a checkout begun before they were asked for be retried with its first input.
    const detailsRequired = { description: 'Required to place a new order.' };
    expect(schema).toMatchObject({
      anyOf: [
        { required: ['cartVersion', 'payment'], properties: { cartVersion: { type: 'integer', minimum: 0 }, contact: detailsRequired, shipping: detailsRequired } },
        {
          required: ['items', 'payment'],
          properties: {
            items: {
              minItems: 1,
              maxItems: 50,
              items: { properties: { productId: { minLength: 1 }, quantity: { type: 'integer', minimum: 1, maximum: 99 } } },
            },
          },
        },
      ],
    });
  });
  it('documents the address with its limits and the supported countries, and the new keyed procedures with their codes', () => {
    const schema = components(doc).schemas.CheckoutPlaceOrderInput as { anyOf: { properties: Record<string, { properties: Record<string, Record<string, unknown>> }> }[] };
    const shipping = schema.anyOf[0]!.properties.shipping!.properties;
    expect(shipping.country).toMatchObject({ type: 'string', enum: expect.arrayContaining(['US', 'DE', 'JP']) });
    expect(shipping.postalCode).toMatchObject({ type: 'string', minLength: 2, maxLength: 12 });
    expect(schema.anyOf[0]!.properties.contact!.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 254 });
    for (const path of ['checkout.payOrder', 'checkout.cancelOrder']) {
      const op = operationOf(doc, path, 'post');
      expect(op['x-idempotent'], path).toBe(true);
      expect(dataCodes(op, 409), path).toEqual(['IDEMPOTENCY_REQUEST_IN_PROGRESS', 'ORDER_NOT_PAYABLE', 'ORDER_NOT_CANCELLABLE', 'PAYMENT_ATTEMPTS_EXHAUSTED']);
      expect(dataCodes(op, 402), path).toEqual(['PAYMENT_DECLINED', 'PAYMENT_TOKEN_INVALID']);
      expect(dataCodes(op, 404), path).toContain('ORDER_NOT_FOUND');
    }
    const screen = operationOf(doc, 'checkout.screen', 'get');
    expect(screen.parameters?.[0]).toMatchObject({ name: 'input', in: 'query', required: false });
  });
});

describe('generateOpenApiDocument(a router the app does not have yet)', () => {
  const money = z.object({ cents: z.int(), currency: z.literal('USD') }).meta({ id: 'Money' });
  const category = z.object({
    name: z.string(),
    get children() {
      return z.array(category);
    },
  });
  const router = createTRPCRouter({
    cart: createTRPCRouter({
      get: publicProcedure
        .input(z.object({ cartId: z.string() }).optional())
        .output(z.object({ total: money }))
        .query(() => ({ total: { cents: 0, currency: 'USD' as const } })),
      addItem: idempotentProcedure
        .input(z.object({ productId: z.string(), price: money }))
        .mutation(() => null),
    }),
    category: publicProcedure.input(category).query(() => null),
    categories: publicProcedure.input(z.object({ root: category })).query(() => []),
  });
  const doc = generateOpenApiDocument(router);
  const schemas = components(doc).schemas;

  it('documents new procedures without any per-procedure code', async () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/trpc/cart.addItem', '/api/trpc/cart.get', '/api/trpc/categories', '/api/trpc/category']);
    expect(operationOf(doc, 'cart.addItem', 'post')['x-idempotent']).toBe(true);
    expect((await new Validator().validate(structuredClone(doc))).valid).toBe(true);
  });

  it('passes query input as an optional or required JSON `input` parameter', () => {
    const [cartInput] = operationOf(doc, 'cart.get', 'get').parameters ?? [];
    expect(cartInput).toMatchObject({ name: 'input', in: 'query', required: false });
    expect(cartInput?.content?.['application/json']).toEqual({ schema: { $ref: '#/components/schemas/CartGetInput' } });
    expect(operationOf(doc, 'categories', 'get').parameters?.[0]).toMatchObject({ name: 'input', required: true });
  });

  it('uses .output() for the success body and shares schemas registered with an id', () => {
    const ok = operationOf(doc, 'cart.get', 'get').responses[200]?.content['application/json']?.schema;
    expect(ok).toMatchObject({ properties: { result: { required: ['data'], properties: { data: { $ref: '#/components/schemas/CartGetOutput' } } } } });
    expect(schemas.CartGetOutput).toMatchObject({ properties: { total: { $ref: '#/components/schemas/MoneyOutput' } } });
    expect(schemas.CartAddItemInput).toMatchObject({ properties: { price: { $ref: '#/components/schemas/Money' } } });
    expect(schemas.Money).toMatchObject({ required: ['cents', 'currency'] });
    expect(schemas.MoneyOutput).toMatchObject({ required: ['cents', 'currency'], additionalProperties: false });
  });

  it('rewrites recursive references to point at components, and they validate', () => {
    const { at } = documentSchemaValidator(doc);
    const tree = { name: 'coffee', children: [{ name: 'beans', children: [] }] };
    const broken = { name: 'coffee', children: [{ name: 7, children: [] }] };
    // zod writes `#` for a recursive root and `#/$defs/…` for a recursive part.
    const root = at('#/components/schemas/CategoryInput');
    expect(root(tree), describeErrors(root).join('; ')).toBe(true);
    expect(root(broken)).toBe(false);
    const nested = at('#/components/schemas/CategoriesInput');
    expect(nested({ root: tree }), describeErrors(nested).join('; ')).toBe(true);
    expect(nested({ root: broken })).toBe(false);
    expect(JSON.stringify(schemas)).not.toMatch(/"\$ref":"#(\/\$defs\/[^"]*)?"/);
  });
});
