// A CRD version's structural schema as server-side apply shapes (apply/schema.ts): objects with properties
// are structs (undeclared fields deduced when preserve-unknown-fields), additionalProperties maps, arrays
// lists typed by x-kubernetes-list-type (atomic by default, `set`, or `map` keyed by
// x-kubernetes-list-map-keys), x-kubernetes-map-type atomic structs and maps leaves; metadata is ObjectMeta.
import { DEDUCED, modelShape, SCALAR, type ResourceShapeSource, type Shape } from '../apply/schema.js';
import type { CustomResourceInfo } from './custom-resource.js';
import type { JSONSchemaProps } from './json-schema.js';

export function schemaShape(schema: JSONSchemaProps | undefined, root = false): Shape {
  if (!schema) return DEDUCED;
  if (schema['x-kubernetes-int-or-string']) return SCALAR;
  if (schema.type === 'array') {
    const items = schemaShape(schema.items);
    const list: Shape = { kind: 'list', element: () => items };
    const type = schema['x-kubernetes-list-type'];
    if (type === 'map' && schema['x-kubernetes-list-map-keys']?.length) {
      list.listType = 'map';
      list.keys = schema['x-kubernetes-list-map-keys'];
    } else if (type === 'set') list.listType = 'set';
    else list.atomic = true;
    return list;
  }
  if (schema.type === 'object' || schema.properties || schema.additionalProperties || root) {
    const atomic = schema['x-kubernetes-map-type'] === 'atomic';
    if (schema.properties || root) {
      const fields = new Map<string, Shape>();
      for (const [k, v] of Object.entries(schema.properties ?? {})) fields.set(k, schemaShape(v));
      const extra = typeof schema.additionalProperties === 'object' ? schemaShape(schema.additionalProperties) : schema['x-kubernetes-preserve-unknown-fields'] ? DEDUCED : undefined;
      const struct: Shape = {
        kind: 'struct',
        field: (name) => {
          if (root && name === 'metadata') return modelShape('V1ObjectMeta');
          if (root && (name === 'apiVersion' || name === 'kind')) return SCALAR;
          return fields.get(name);
        },
      };
      if (extra) struct.element = () => extra;
      if (atomic) struct.atomic = true;
      return struct;
    }
    const values = typeof schema.additionalProperties === 'object' ? schemaShape(schema.additionalProperties) : DEDUCED;
    return { kind: 'map', atomic, element: () => values };
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.type) return DEDUCED;
  return SCALAR;
}

/** The hook of a custom resource's registry entry: its shapes per served version, built once. */
export function customResourceShapes(info: CustomResourceInfo): ResourceShapeSource {
  const cache = new Map<string, Shape | undefined>();
  return (version) => {
    if (!cache.has(version)) {
      const schema = (info.versions[version] ?? info.versions[info.storageVersion])?.schema;
      cache.set(version, schema ? schemaShape(schema, true) : undefined);
    }
    return cache.get(version);
  };
}
