import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from './generate-openapi';

const BASE = 'https://idem.test/openapi.json';

/** `/api/trpc/x` → `~1api~1trpc~1x`: one JSON Pointer segment (RFC 6901). */
export const pointerSegment = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Compiles schemas embedded in the OpenAPI document with Ajv's draft 2020-12 dialect, the one the
 * document declares. The whole document is registered under one URI so that its
 * `#/components/...` references resolve exactly as an OpenAPI tool would resolve them; strict mode
 * rejects any keyword Ajv does not know, so a malformed generated schema fails loudly.
 */
export function documentSchemaValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // The document's own top-level fields are not JSON Schema keywords; declare them inert.
  ajv.addVocabulary(Object.keys(doc));
  ajv.addSchema(doc, BASE);
  const cache = new Map<string, ValidateFunction>();

  /** A validator for the schema at this JSON Pointer into the document (`#/components/schemas/X`). */
  const at = (pointer: string): ValidateFunction => {
    let validate = cache.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${BASE}${pointer}` });
      cache.set(pointer, validate);
    }
    return validate;
  };

  /**
   * Checks a real HTTP response against the operation's documented response for its status: the
   * JSON body against the schema, every documented header against its schema, required headers
   * present. Returns the problems found; none means the response honours the document.
   */
  const checkResponse = async (path: string, method: 'get' | 'post', response: Response): Promise<string[]> => {
    const base = `#/paths/${pointerSegment(path)}/${method}/responses/${response.status}`;
    const documented = (doc.paths[path]?.[method] as { responses: Record<string, DocumentedResponse> } | undefined)?.responses[response.status];
    if (!documented) return [`${method.toUpperCase()} ${path} does not document status ${response.status}`];

    const problems: string[] = [];
    const body = at(`${base}/content/application~1json/schema`);
    if (!body(await response.clone().json())) problems.push(...describeErrors(body).map((e) => `body ${e}`));
    for (const [name, { $ref }] of Object.entries(documented.headers ?? {})) {
      const header = resolvePointer(doc, $ref) as { required?: boolean; schema: { type?: string } };
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`header ${name} is required but absent`);
        continue;
      }
      const validate = at(`${$ref}/schema`);
      if (!validate(header.schema.type === 'integer' ? Number(value) : value)) problems.push(...describeErrors(validate).map((e) => `header ${name}: ${e}`));
    }
    return problems;
  };

  return { at, checkResponse };
}

interface DocumentedResponse {
  headers?: Record<string, { $ref: string }>;
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}

/** Ajv's errors, short enough to read in a failed assertion. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
