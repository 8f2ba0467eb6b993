// OpenAPI 3.0 pieces (as openapiV3Document builds them) → their Swagger 2.0 equivalents, the way upstream's
// v2 spec writes the same API:
//   - `$ref: #/components/schemas/X` → `$ref: #/definitions/X`;
//   - a described reference `{allOf: [{$ref}], description, x-…}` → `{$ref, description, x-…}` (v2 keeps
//     siblings of $ref; kube-openapi's proto models read a $ref and ignore allOf, so the wrapper must go);
//   - `oneOf` of scalars that include a string (IntOrString, Quantity) → `type: string` (upstream v2 writes
//     them so; kubectl's client-side validation lets any scalar pass as a string), other `oneOf`/`anyOf` and
//     v3-only keys (`nullable`, …) are dropped;
//   - operations: requestBody → a `body` parameter first, content types → consumes/produces, parameters
//     `{schema: {type}}` → `{type, uniqueItems: true}`, response content → `schema`, `schemes: [https]`.
// Pure functions; the input is not modified.

export type Schema = { [key: string]: unknown };

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, Schema>;
  definitions: Record<string, Schema>;
  securityDefinitions: Record<string, Schema>;
  security: Array<Record<string, string[]>>;
}

const V3_PREFIX = '#/components/schemas/';
const V2_PREFIX = '#/definitions/';

/** Keys a Swagger 2.0 Schema Object has; anything else but `x-…` is v3-only and dropped. */
const V2_SCHEMA_KEYS = new Set([
  '$ref',
  'format',
  'title',
  'description',
  'default',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'additionalProperties',
  'type',
  'items',
  'allOf',
  'properties',
  'discriminator',
  'readOnly',
  'example',
]);

/** The v2 form of a v3 schema. */
export function v2Schema(schema: Schema): Schema {
  const allOf = schema.allOf as Schema[] | undefined;
  if (allOf?.length === 1 && typeof allOf[0]!.$ref === 'string' && Object.keys(allOf[0]!).length === 1) {
    const { allOf: _, ...rest } = schema;
    return v2Schema({ $ref: allOf[0]!.$ref, ...rest });
  }
  const out: Schema = {};
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (alternatives && schema.type === undefined && alternatives.some((a) => a.type === 'string' && Object.keys(a).length === 1)) out.type = 'string';
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined) continue;
    if (key.startsWith('x-')) out[key] = value;
    else if (!V2_SCHEMA_KEYS.has(key)) continue;
    else if (key === '$ref') out.$ref = v2Ref(value as string);
    else if (key === 'items') out.items = Array.isArray(value) ? value.map(v2Schema) : v2Schema(value as Schema);
    else if (key === 'allOf') out.allOf = (value as Schema[]).map(v2Schema);
    else if (key === 'additionalProperties') out.additionalProperties = typeof value === 'boolean' ? value : v2Schema(value as Schema);
    else if (key === 'properties') {
      const properties: Schema = {};
      for (const [name, p] of Object.entries(value as Record<string, Schema>)) properties[name] = v2Schema(p);
      out.properties = properties;
    } else out[key] = value;
  }
  return out;
}

const v2Ref = (ref: string) => (ref.startsWith(V3_PREFIX) ? V2_PREFIX + ref.slice(V3_PREFIX.length) : ref);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** The v2 form of a v3 path item: its operations and path-level parameters. */
export function v2PathItem(item: Schema): Schema {
  const out: Schema = {};
  for (const method of METHODS) if (item[method]) out[method] = v2Operation(item[method] as Schema);
  if (Array.isArray(item.parameters)) out.parameters = (item.parameters as Schema[]).map(v2Parameter);
  for (const [key, value] of Object.entries(item)) if (key.startsWith('x-')) out[key] = value;
  return out;
}

function v2Operation(op: Schema): Schema {
  const out: Schema = {};
  for (const key of ['description', 'operationId', 'tags', 'summary', 'deprecated']) if (op[key] !== undefined) out[key] = op[key];
  const body = op.requestBody as { content?: Record<string, { schema?: Schema }>; required?: boolean; description?: string } | undefined;
  if (body?.content) out.consumes = Object.keys(body.content);
  const responses = (op.responses ?? {}) as Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  const produces = [...new Set(Object.values(responses).flatMap((r) => Object.keys(r.content ?? {})))];
  if (produces.length > 0) out.produces = produces;
  out.schemes = ['https'];
  const parameters: Schema[] = [];
  if (body) {
    const schema = Object.values(body.content ?? {})[0]?.schema;
    const param: Schema = { name: 'body', in: 'body' };
    if (body.description) param.description = body.description;
    if (body.required) param.required = true;
    param.schema = schema ? v2Schema(schema) : { type: 'object' };
    parameters.push(param);
  }
  for (const p of (op.parameters ?? []) as Schema[]) parameters.push(v2Parameter(p));
  if (parameters.length > 0 || op.parameters) out.parameters = parameters;
  const v2Responses: Schema = {};
  for (const [code, r] of Object.entries(responses)) {
    const response: Schema = { description: r.description ?? '' };
    const schema = Object.values(r.content ?? {})[0]?.schema;
    if (schema) response.schema = v2Schema(schema);
    v2Responses[code] = response;
  }
  out.responses = v2Responses;
  for (const [key, value] of Object.entries(op)) if (key.startsWith('x-')) out[key] = value;
  return out;
}

/** A query or path parameter: `{schema: {type}}` → `{type}`, with upstream's `uniqueItems: true`. */
function v2Parameter(p: Schema): Schema {
  const out: Schema = { uniqueItems: true };
  const schema = (p.schema ?? {}) as Schema;
  if (schema.type !== undefined) out.type = schema.type;
  if (schema.format !== undefined) out.format = schema.format;
  for (const key of ['description', 'name', 'in', 'required']) if (p[key] !== undefined) out[key] = p[key];
  return out;
}
