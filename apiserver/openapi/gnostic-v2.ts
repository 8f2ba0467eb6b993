// The Swagger 2.0 document as gnostic's `openapi.v2.Document` protobuf, the body of `GET /openapi/v2` with
// `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf` (kubectl ≤ 1.28 asks for nothing
// else). `GNOSTIC_V2` transcribes the messages of github.com/google/gnostic-models openapiv2/OpenAPIv2.proto
// (names and field numbers) that our documents use; `gnosticDocument` mirrors gnostic's compiler
// (NewDocument: JSON → messages) for the subset of Swagger 2.0 that openapiV2Document emits, and throws
// SwaggerShapeError on anything outside it rather than dropping it silently.
//
// Vendor extensions become NamedAny{name, Any{yaml}}: kubectl reads only the `yaml` text (kube-openapi
// VendorExtensionToMap, cli-runtime hasGVKExtension, both gopkg.in/yaml.v2), so the value is written as JSON,
// which that parser reads as YAML. `default`, `example` and `enum` values are Any{yaml} the same way.
import { decodeMessage, encodeMessage, type FieldDef, type MessageTable, type ProtoMessage } from './proto-wire.js';
import type { Schema, SwaggerDocument } from './v3-to-v2.js';

const s = (no: number): FieldDef => ({ no, type: 'string' });
const strings = (no: number): FieldDef => ({ no, type: 'string', repeated: true });
const b = (no: number): FieldDef => ({ no, type: 'bool' });
const i64 = (no: number): FieldDef => ({ no, type: 'int64' });
const d = (no: number): FieldDef => ({ no, type: 'double' });
const m = (no: number, type: string): FieldDef => ({ no, type });
const many = (no: number, type: string): FieldDef => ({ no, type, repeated: true });
const one = (no: number, type: string): FieldDef => ({ no, type, oneof: true });

/** The messages of package openapi.v2 that our documents use; numbers as in OpenAPIv2.proto. */
export const GNOSTIC_V2: MessageTable = {
  Document: {
    swagger: s(1),
    info: m(2, 'Info'),
    host: s(3),
    base_path: s(4),
    schemes: strings(5),
    consumes: strings(6),
    produces: strings(7),
    paths: m(8, 'Paths'),
    definitions: m(9, 'Definitions'),
    security: many(12, 'SecurityRequirement'),
    security_definitions: m(13, 'SecurityDefinitions'),
    vendor_extension: many(16, 'NamedAny'),
  },
  Info: { title: s(1), version: s(2), description: s(3), terms_of_service: s(4), vendor_extension: many(7, 'NamedAny') },
  // `value` (1, google.protobuf.Any) is only set by gnostic's extension handlers, never for Kubernetes.
  Any: { yaml: s(2) },
  NamedAny: { name: s(1), value: m(2, 'Any') },
  Paths: { vendor_extension: many(1, 'NamedAny'), path: many(2, 'NamedPathItem') },
  NamedPathItem: { name: s(1), value: m(2, 'PathItem') },
  PathItem: {
    _ref: s(1),
    get: m(2, 'Operation'),
    put: m(3, 'Operation'),
    post: m(4, 'Operation'),
    delete: m(5, 'Operation'),
    options: m(6, 'Operation'),
    head: m(7, 'Operation'),
    patch: m(8, 'Operation'),
    parameters: many(9, 'ParametersItem'),
    vendor_extension: many(10, 'NamedAny'),
  },
  Operation: {
    tags: strings(1),
    summary: s(2),
    description: s(3),
    operation_id: s(5),
    produces: strings(6),
    consumes: strings(7),
    parameters: many(8, 'ParametersItem'),
    responses: m(9, 'Responses'),
    schemes: strings(10),
    deprecated: b(11),
    vendor_extension: many(13, 'NamedAny'),
  },
  ParametersItem: { parameter: one(1, 'Parameter'), json_reference: one(2, 'JsonReference') },
  JsonReference: { _ref: s(1), description: s(2) },
  Parameter: { body_parameter: one(1, 'BodyParameter'), non_body_parameter: one(2, 'NonBodyParameter') },
  BodyParameter: { description: s(1), name: s(2), in: s(3), required: b(4), schema: m(5, 'Schema'), vendor_extension: many(6, 'NamedAny') },
  NonBodyParameter: { query_parameter_sub_schema: one(3, 'QueryParameterSubSchema'), path_parameter_sub_schema: one(4, 'PathParameterSubSchema') },
  QueryParameterSubSchema: {
    required: b(1),
    in: s(2),
    description: s(3),
    name: s(4),
    allow_empty_value: b(5),
    type: s(6),
    format: s(7),
    collection_format: s(9),
    default: m(10, 'Any'),
    unique_items: b(20),
    enum: many(21, 'Any'),
    vendor_extension: many(23, 'NamedAny'),
  },
  PathParameterSubSchema: {
    required: b(1),
    in: s(2),
    description: s(3),
    name: s(4),
    type: s(5),
    format: s(6),
    collection_format: s(8),
    default: m(9, 'Any'),
    unique_items: b(19),
    enum: many(20, 'Any'),
    vendor_extension: many(22, 'NamedAny'),
  },
  Responses: { response_code: many(1, 'NamedResponseValue'), vendor_extension: many(2, 'NamedAny') },
  NamedResponseValue: { name: s(1), value: m(2, 'ResponseValue') },
  ResponseValue: { response: one(1, 'Response'), json_reference: one(2, 'JsonReference') },
  Response: { description: s(1), schema: m(2, 'SchemaItem'), vendor_extension: many(5, 'NamedAny') },
  SchemaItem: { schema: one(1, 'Schema') },
  Schema: {
    _ref: s(1),
    format: s(2),
    title: s(3),
    description: s(4),
    default: m(5, 'Any'),
    multiple_of: d(6),
    maximum: d(7),
    exclusive_maximum: b(8),
    minimum: d(9),
    exclusive_minimum: b(10),
    max_length: i64(11),
    min_length: i64(12),
    pattern: s(13),
    max_items: i64(14),
    min_items: i64(15),
    unique_items: b(16),
    max_properties: i64(17),
    min_properties: i64(18),
    required: strings(19),
    enum: many(20, 'Any'),
    additional_properties: m(21, 'AdditionalPropertiesItem'),
    type: m(22, 'TypeItem'),
    items: m(23, 'ItemsItem'),
    all_of: many(24, 'Schema'),
    properties: m(25, 'Properties'),
    discriminator: s(26),
    read_only: b(27),
    example: m(30, 'Any'),
    vendor_extension: many(31, 'NamedAny'),
  },
  AdditionalPropertiesItem: { schema: one(1, 'Schema'), boolean: one(2, 'bool') },
  TypeItem: { value: strings(1) },
  ItemsItem: { schema: many(1, 'Schema') },
  Properties: { additional_properties: many(1, 'NamedSchema') },
  NamedSchema: { name: s(1), value: m(2, 'Schema') },
  Definitions: { additional_properties: many(1, 'NamedSchema') },
  SecurityRequirement: { additional_properties: many(1, 'NamedStringArray') },
  NamedStringArray: { name: s(1), value: m(2, 'StringArray') },
  StringArray: { value: strings(1) },
  SecurityDefinitions: { additional_properties: many(1, 'NamedSecurityDefinitionsItem') },
  NamedSecurityDefinitionsItem: { name: s(1), value: m(2, 'SecurityDefinitionsItem') },
  SecurityDefinitionsItem: { api_key_security: one(2, 'ApiKeySecurity') },
  ApiKeySecurity: { type: s(1), name: s(2), in: s(3), description: s(4), vendor_extension: many(5, 'NamedAny') },
};

/** A key of the Swagger document that this encoder does not carry: a bug in the document builder. */
export class SwaggerShapeError extends Error {
  override name = 'SwaggerShapeError';
}

/** The protobuf bytes of a Swagger 2.0 document. Pure; throws SwaggerShapeError on an unsupported key. */
export function encodeSwaggerProtobuf(doc: SwaggerDocument): Buffer {
  return encodeMessage(GNOSTIC_V2, 'Document', gnosticDocument(doc));
}

/** Decodes bytes as an openapi.v2.Document into plain messages (tests, tools). */
export function decodeGnosticDocument(bytes: Uint8Array): ProtoMessage {
  return decodeMessage(GNOSTIC_V2, 'Document', bytes);
}

/** The Document message of a Swagger 2.0 document. */
export function gnosticDocument(doc: SwaggerDocument): ProtoMessage {
  const out: ProtoMessage = {};
  const ext: ProtoMessage[] = [];
  for (const [key, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    if (key.startsWith('x-')) ext.push(namedAny(key, v));
    else if (key === 'swagger') out.swagger = v;
    else if (key === 'info') out.info = info(v as Record<string, unknown>);
    else if (key === 'paths') out.paths = { path: named(v, 'paths', (p, at) => pathItem(p as Schema, at)) };
    else if (key === 'definitions') out.definitions = { additional_properties: named(v, 'definitions', (s, at) => schema(s as Schema, at)) };
    else if (key === 'securityDefinitions') out.security_definitions = { additional_properties: named(v, key, (s, at) => securityDefinition(s as Schema, at)) };
    else if (key === 'security') out.security = (v as Array<Record<string, string[]>>).map((req) => ({ additional_properties: named(req, key, (scopes) => ({ value: scopes })) }));
    else if (key === 'schemes' || key === 'consumes' || key === 'produces' || key === 'host') out[key] = v;
    else if (key === 'basePath') out.base_path = v;
    else throw new SwaggerShapeError(`unsupported document key ${key}`);
  }
  if (ext.length > 0) out.vendor_extension = ext;
  return out;
}

function info(v: Record<string, unknown>): ProtoMessage {
  const out: ProtoMessage = {};
  for (const [key, value] of Object.entries(v)) {
    if (key === 'title' || key === 'version' || key === 'description') out[key] = value;
    else if (key === 'termsOfService') out.terms_of_service = value;
    else throw new SwaggerShapeError(`unsupported info key ${key}`);
  }
  return out;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

function pathItem(item: Schema, at: string): ProtoMessage {
  const out: ProtoMessage = {};
  const ext: ProtoMessage[] = [];
  for (const [key, v] of Object.entries(item)) {
    if (key.startsWith('x-')) ext.push(namedAny(key, v));
    else if (METHODS.has(key)) out[key] = operation(v as Schema, `${at}.${key}`);
    else if (key === 'parameters') out.parameters = (v as Schema[]).map((p) => parametersItem(p, at));
    else if (key === '$ref') out._ref = v;
    else throw new SwaggerShapeError(`${at}: unsupported path item key ${key}`);
  }
  if (ext.length > 0) out.vendor_extension = ext;
  return out;
}

function operation(op: Schema, at: string): ProtoMessage {
  const out: ProtoMessage = {};
  const ext: ProtoMessage[] = [];
  for (const [key, v] of Object.entries(op)) {
    if (v === undefined) continue;
    if (key.startsWith('x-')) ext.push(namedAny(key, v));
    else if (key === 'tags' || key === 'summary' || key === 'description' || key === 'produces' || key === 'consumes' || key === 'schemes' || key === 'deprecated') out[key] = v;
    else if (key === 'operationId') out.operation_id = v;
    else if (key === 'parameters') out.parameters = (v as Schema[]).map((p) => parametersItem(p, at));
    else if (key === 'responses') out.responses = { response_code: named(v, `${at}.responses`, (r, code) => responseValue(r as Schema, code)) };
    else throw new SwaggerShapeError(`${at}: unsupported operation key ${key}`);
  }
  if (ext.length > 0) out.vendor_extension = ext;
  return out;
}

function parametersItem(p: Schema, at: string): ProtoMessage {
  if (typeof p.$ref === 'string') return { json_reference: { _ref: p.$ref } };
  const where = `${at} parameter ${String(p.name)}`;
  if (p.in === 'body') {
    const out: ProtoMessage = {};
    for (const [key, v] of Object.entries(p)) {
      if (key === 'description' || key === 'name' || key === 'in' || key === 'required') out[key] = v;
      else if (key === 'schema') out.schema = schema(v as Schema, where);
      else throw new SwaggerShapeError(`${where}: unsupported body parameter key ${key}`);
    }
    return { parameter: { body_parameter: out } };
  }
  const out: ProtoMessage = {};
  const ext: ProtoMessage[] = [];
  for (const [key, v] of Object.entries(p)) {
    if (key.startsWith('x-')) ext.push(namedAny(key, v));
    else if (key === 'required' || key === 'in' || key === 'description' || key === 'name' || key === 'type' || key === 'format') out[key] = v;
    else if (key === 'uniqueItems') out.unique_items = v;
    else if (key === 'collectionFormat') out.collection_format = v;
    else if (key === 'default') out.default = any(v);
    else if (key === 'enum') out.enum = (v as unknown[]).map(any);
    else if (key === 'allowEmptyValue' && p.in === 'query') out.allow_empty_value = v;
    else throw new SwaggerShapeError(`${where}: unsupported parameter key ${key}`);
  }
  if (ext.length > 0) out.vendor_extension = ext;
  if (p.in === 'query') return { parameter: { non_body_parameter: { query_parameter_sub_schema: out } } };
  if (p.in === 'path') return { parameter: { non_body_parameter: { path_parameter_sub_schema: out } } };
  throw new SwaggerShapeError(`${where}: unsupported parameter location ${String(p.in)}`);
}

function responseValue(r: Schema, at: string): ProtoMessage {
  if (typeof r.$ref === 'string') return { json_reference: { _ref: r.$ref } };
  const out: ProtoMessage = {};
  for (const [key, v] of Object.entries(r)) {
    if (key === 'description') out.description = v;
    else if (key === 'schema') out.schema = { schema: schema(v as Schema, at) };
    else throw new SwaggerShapeError(`${at}: unsupported response key ${key}`);
  }
  return { response: out };
}

function securityDefinition(v: Schema, at: string): ProtoMessage {
  if (v.type !== 'apiKey') throw new SwaggerShapeError(`${at}: unsupported security definition type ${String(v.type)}`);
  const out: ProtoMessage = {};
  for (const [key, value] of Object.entries(v)) {
    if (key === 'type' || key === 'name' || key === 'in' || key === 'description') out[key] = value;
    else throw new SwaggerShapeError(`${at}: unsupported security definition key ${key}`);
  }
  return { api_key_security: out };
}

/** Schema keys that map 1:1 onto a Schema field: JSON name → proto field. */
const SCHEMA_FIELDS: Record<string, string> = {
  $ref: '_ref',
  format: 'format',
  title: 'title',
  description: 'description',
  multipleOf: 'multiple_of',
  maximum: 'maximum',
  exclusiveMaximum: 'exclusive_maximum',
  minimum: 'minimum',
  exclusiveMinimum: 'exclusive_minimum',
  maxLength: 'max_length',
  minLength: 'min_length',
  pattern: 'pattern',
  maxItems: 'max_items',
  minItems: 'min_items',
  uniqueItems: 'unique_items',
  maxProperties: 'max_properties',
  minProperties: 'min_properties',
  required: 'required',
  discriminator: 'discriminator',
  readOnly: 'read_only',
};

function schema(v: Schema, at: string): ProtoMessage {
  const out: ProtoMessage = {};
  const ext: ProtoMessage[] = [];
  for (const [key, value] of Object.entries(v)) {
    if (value === undefined) continue;
    const field = SCHEMA_FIELDS[key];
    if (field) out[field] = value;
    else if (key.startsWith('x-')) ext.push(namedAny(key, value));
    else if (key === 'type') out.type = { value: Array.isArray(value) ? value : [value] };
    else if (key === 'items') out.items = { schema: (Array.isArray(value) ? value : [value]).map((s: Schema) => schema(s, `${at}[]`)) };
    else if (key === 'properties') out.properties = { additional_properties: named(value, at, (s, name) => schema(s as Schema, name)) };
    else if (key === 'additionalProperties') out.additional_properties = typeof value === 'boolean' ? { boolean: value } : { schema: schema(value as Schema, `${at}{}`) };
    else if (key === 'allOf') out.all_of = (value as Schema[]).map((s) => schema(s, at));
    else if (key === 'default' || key === 'example') out[key] = any(value);
    else if (key === 'enum') out.enum = (value as unknown[]).map(any);
    else throw new SwaggerShapeError(`${at}: unsupported schema key ${key}`);
  }
  if (ext.length > 0) out.vendor_extension = ext;
  return out;
}

/** `{name: value, …}` → `[{name, value: convert(value)}, …]` in key order (gnostic keeps the JSON order). */
function named(v: unknown, at: string, convert: (value: unknown, at: string) => ProtoMessage): ProtoMessage[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SwaggerShapeError(`${at}: expected an object`);
  return Object.entries(v).map(([name, value]) => ({ name, value: convert(value, `${at}.${name}`) }));
}

const any = (value: unknown): ProtoMessage => ({ yaml: JSON.stringify(value) });
const namedAny = (name: string, value: unknown): ProtoMessage => ({ name, value: any(value) });
