import { z } from 'zod';

/** A JSON Schema (draft 2020-12) object, as OpenAPI 3.1 embeds it. */
export type JsonSchema = Record<string, unknown>;

/** `components.schemas` of the document being built; this module adds to it. */
export type SchemaComponents = Record<string, JsonSchema>;

/** Where a schema component lives, as a `$ref` from anywhere in the document. */
export const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Converts one zod schema with zod 4's own `z.toJSONSchema` and stores it as the component `name`,
 * returning a `$ref` to it.
 *
 * zod emits a standalone schema whose references point into itself (`#` for root recursion,
 * `#/$defs/X` for shared or recursive parts). Embedded in an OpenAPI document those pointers would
 * resolve against the document root, so the `$defs` are hoisted into `components.schemas` and every
 * reference is rewritten to its component.
 */
export function addZodComponent(
  components: SchemaComponents,
  name: string,
  schema: z.core.$ZodType,
  io: 'input' | 'output',
): { $ref: string } {
  // `unrepresentable: 'any'`: a Date or bigint in a future procedure must not break the whole
  // document; such a part is documented as unconstrained instead.
  const { $schema: _dialect, $defs = {}, ...root } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };

  // Definitions zod names itself (`__schema0`) are private to this schema; ids registered with
  // `.meta({ id })` are shared names, so one registered type is one component. Its output form
  // differs (zod closes output objects with `additionalProperties: false`), hence its own name.
  const shared = (id: string) => (io === 'output' ? `${id}Output` : id);
  const componentOf = new Map(Object.keys($defs).map((id) => [id, id.startsWith('__schema') ? `${name}.${id}` : shared(id)]));
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? rewriteRef(value) : rewrite(value)]),
    );
  };
  const rewriteRef = (ref: string): string => {
    if (ref === '#') return componentRef(name).$ref;
    const id = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined;
    const component = id === undefined ? undefined : componentOf.get(id);
    return component === undefined ? ref : componentRef(component).$ref;
  };

  for (const [id, definition] of Object.entries($defs)) put(components, componentOf.get(id) ?? id, rewrite(definition) as JsonSchema);
  put(components, name, rewrite(root) as JsonSchema);
  return componentRef(name);
}

/** Adds a component; the same name twice must mean the same schema, or the document would lie. */
function put(components: SchemaComponents, name: string, schema: JsonSchema): void {
  const existing = components[name];
  if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(schema)) {
    throw new Error(`OpenAPI: two different schemas want the component name "${name}"; give one of them another id.`);
  }
  components[name] = schema;
}

/** Whether the schema accepts `undefined`, i.e. the procedure may be called without input. */
export function acceptsUndefined(schema: z.core.$ZodType): boolean {
  try {
    return z.safeParse(schema, undefined).success;
  } catch {
    return false; // an async refinement cannot be checked synchronously: document the input as required
  }
}
