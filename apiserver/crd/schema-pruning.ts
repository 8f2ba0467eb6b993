// Structural pruning of a custom resource (apiextensions' pruning): fields the schema does not specify are
// dropped, unless a node says x-kubernetes-preserve-unknown-fields or has additionalProperties. The root and
// every x-kubernetes-embedded-resource keep apiVersion, kind and metadata. Returns the dropped paths in the
// strict-decoding format (`spec.foo`, `spec.items[0].bar`) so that fieldValidation=Strict can refuse them
// and Warn can name them; the object is pruned in place.
import { checkFields } from '../schema/strict-decode.js';
import { isObject, keepsUnknown, propertySchema, type JSONSchemaProps } from './json-schema.js';

export function pruneUnknownFields(obj: Record<string, unknown>, schema: JSONSchemaProps): string[] {
  const dropped: string[] = [];
  pruneNode(obj, schema, '', dropped, true);
  if (isObject(obj.metadata)) dropped.push(...pruneMetadata(obj.metadata, 'metadata'));
  return dropped;
}

/** ObjectMeta keeps only its own fields (typed decoding of metadata). */
function pruneMetadata(meta: Record<string, unknown>, path: string): string[] {
  const unknown = checkFields('V1ObjectMeta', meta).unknown;
  for (const p of unknown) if (!p.includes('.') && !p.includes('[')) delete meta[p];
  return unknown.map((p) => `${path}.${p}`);
}

function pruneNode(value: unknown, schema: JSONSchemaProps | undefined, path: string, dropped: string[], resourceRoot = false): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => pruneNode(item, schema.items, `${path}[${i}]`, dropped));
    return;
  }
  if (!isObject(value)) return;
  const child = (key: string) => (path ? `${path}.${key}` : key);
  const embedded = resourceRoot || schema['x-kubernetes-embedded-resource'] === true;
  const preserve = keepsUnknown(schema);
  for (const key of Object.keys(value)) {
    if (embedded && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) {
      if (!resourceRoot && key === 'metadata' && isObject(value.metadata)) dropped.push(...pruneMetadata(value.metadata, child('metadata')));
      continue;
    }
    const sub = propertySchema(schema, key);
    if (sub) pruneNode(value[key], sub, child(key), dropped);
    else if (!preserve) {
      dropped.push(child(key));
      delete value[key];
    }
  }
}
