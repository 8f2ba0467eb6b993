// components.schemas of an OpenAPI v3 document: the schema of every model reachable from a set of roots,
// named as upstream names them, with descriptions, required lists, and the patch and list extensions
// (x-kubernetes-patch-strategy/-merge-key, x-kubernetes-list-type/-map-keys, x-kubernetes-map-type) that
// kubectl and server-side apply read. Deterministic: the same roots give the same schemas.
import { modelInfo } from '../schema/catalogue.js';
import { patchMeta, structMapType } from '../schema/patch-meta.js';
import type { TypeRef } from '../schema/types.js';
import { definitionName, packageOf, SPECIAL_DEFINITIONS } from './definition-names.js';

export type Schema = { [key: string]: unknown };

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The schemas of upstream's types that are not client-node models. */
const SPECIAL_SCHEMAS: Record<string, Schema> = {
  [SPECIAL_DEFINITIONS.time]: {
    description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.',
    type: 'string',
    format: 'date-time',
  },
  [SPECIAL_DEFINITIONS.microtime]: {
    description: 'MicroTime is version of Time with microsecond level precision.',
    type: 'string',
    format: 'date-time',
  },
  [SPECIAL_DEFINITIONS['int-or-string']]: {
    description:
      'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  [SPECIAL_DEFINITIONS.quantity]: {
    description:
      'Quantity is a fixed-point representation of a number, serialized as a string with an optional suffix: a binary SI suffix (Ki, Mi, Gi, Ti, Pi, Ei), a decimal SI suffix (m, k, M, G, T, P, E, or none) or a decimal exponent (e3, E-2). Examples: "500m", "1.5Gi", "2".',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  [SPECIAL_DEFINITIONS.RawExtension]: { description: 'RawExtension is used to hold extensions in external versions.', type: 'object' },
  [SPECIAL_DEFINITIONS.FieldsV1]: {
    description: 'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.',
    type: 'object',
  },
  [SPECIAL_DEFINITIONS.Patch]: {
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    type: 'object',
  },
  [SPECIAL_DEFINITIONS.JSON]: {
    description:
      'JSON represents any valid JSON value. These types are supported: bool, int64, float64, string, []interface{}, map[string]interface{} and nil.',
  },
  [SPECIAL_DEFINITIONS.JSONSchemaPropsOrArray]: {
    description: 'JSONSchemaPropsOrArray represents a value that can either be a JSONSchemaProps or an array of JSONSchemaProps.',
  },
  [SPECIAL_DEFINITIONS.JSONSchemaPropsOrBool]: {
    description: 'JSONSchemaPropsOrBool represents JSONSchemaProps or a boolean value. Defaults to true for the boolean property.',
  },
  [SPECIAL_DEFINITIONS.JSONSchemaPropsOrStringArray]: {
    description: 'JSONSchemaPropsOrStringArray represents a JSONSchemaProps or a string array.',
  },
};

/** Collects the schemas of a document; add roots, then read `sorted()`. */
export class SchemaSet {
  private readonly schemas = new Map<string, Schema>();

  /**
   * Adds a model and everything it references; returns its definition name. `contextPackage` is the
   * package prefix of the group the model is reached from (see definition-names.ts).
   */
  addModel(model: string, contextPackage: string, gvk?: GroupVersionKind): string {
    const name = definitionName(model, contextPackage);
    let schema = this.schemas.get(name);
    if (!schema) {
      schema = {};
      this.schemas.set(name, schema);
      Object.assign(schema, this.modelSchema(model, packageOf(name)));
    }
    if (gvk) addGvk(schema, gvk);
    return name;
  }

  /** Adds one of the non-model types by its definition name. */
  addSpecial(name: string): string {
    if (!this.schemas.has(name)) this.schemas.set(name, { ...SPECIAL_SCHEMAS[name] });
    return name;
  }

  /** Adds a schema built elsewhere (custom resources without a model). */
  addSchema(name: string, schema: Schema): string {
    this.schemas.set(name, schema);
    return name;
  }

  has(name: string): boolean {
    return this.schemas.has(name);
  }

  /** All schemas, by name in code-point order. */
  sorted(): Record<string, Schema> {
    const out: Record<string, Schema> = {};
    for (const name of [...this.schemas.keys()].sort()) out[name] = this.schemas.get(name)!;
    return out;
  }

  private modelSchema(model: string, pkg: string): Schema {
    const info = modelInfo(model)!;
    const schema: Schema = {};
    if (info.description) schema.description = info.description;
    schema.type = 'object';
    const properties: Schema = {};
    for (const f of info.fields) {
      const type = this.typeSchema(f.type, pkg);
      const extra: Schema = {};
      if (f.description) extra.description = f.description;
      const meta = patchMeta(model, f.name);
      if (meta?.listMapKeys) extra['x-kubernetes-list-map-keys'] = meta.listMapKeys;
      if (meta?.listType) extra['x-kubernetes-list-type'] = meta.listType;
      if (meta?.mapType) extra['x-kubernetes-map-type'] = meta.mapType;
      if (meta?.mergeKey) extra['x-kubernetes-patch-merge-key'] = meta.mergeKey;
      if (meta?.strategy) extra['x-kubernetes-patch-strategy'] = meta.strategy;
      // OpenAPI 3.0 ignores siblings of $ref, so a described reference is wrapped in allOf (as upstream).
      properties[f.name] = '$ref' in type && Object.keys(extra).length > 0 ? { allOf: [type], ...extra } : { ...type, ...extra };
    }
    if (info.fields.length > 0) schema.properties = properties;
    const required = info.fields.filter((f) => f.required).map((f) => f.name);
    if (required.length > 0) schema.required = required;
    const mapType = structMapType(model);
    if (mapType) schema['x-kubernetes-map-type'] = mapType;
    return schema;
  }

  private typeSchema(t: TypeRef, pkg: string): Schema {
    switch (t.kind) {
      case 'string':
        return t.format ? { type: 'string', format: t.format } : { type: 'string' };
      case 'integer':
        return { type: 'integer', format: t.format };
      case 'number':
        return { type: 'number', format: t.format };
      case 'boolean':
        return { type: 'boolean' };
      case 'time':
      case 'microtime':
      case 'int-or-string':
      case 'quantity':
        return ref(this.addSpecial(SPECIAL_DEFINITIONS[t.kind]));
      case 'opaque':
        return ref(this.addSpecial(SPECIAL_DEFINITIONS[t.def]));
      case 'model':
        return modelInfo(t.model) ? ref(this.addModel(t.model, pkg)) : { type: 'object' };
      case 'array':
        return { type: 'array', items: this.typeSchema(t.items, pkg) };
      case 'map':
        return { type: 'object', additionalProperties: this.typeSchema(t.values, pkg) };
    }
  }
}

function addGvk(schema: Schema, gvk: GroupVersionKind): void {
  const list = (schema['x-kubernetes-group-version-kind'] ??= []) as GroupVersionKind[];
  if (list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) return;
  list.push({ group: gvk.group, kind: gvk.kind, version: gvk.version });
  list.sort((a, b) => (a.group + '/' + a.version + '/' + a.kind < b.group + '/' + b.version + '/' + b.kind ? -1 : 1));
}

export { ref as schemaRef };
