// The decoding steps a custom resource's body goes through after parsing (apiextensions' unstructured
// decoding): unknown fields found by structural pruning are refused (Strict), warned about (Warn) or
// silently dropped (Ignore), then the schema's defaults are applied. Also the version a stored object is
// served in: with conversion strategy None only apiVersion changes.
import type { KubeObject, ResourceEntry } from '../registry/types.js';
import type { CustomResourceInfo } from './custom-resource.js';
import type { JSONSchemaProps } from './json-schema.js';
import { applySchemaDefaults } from './schema-defaulting.js';
import { pruneUnknownFields } from './schema-pruning.js';

export function customSchema(info: CustomResourceInfo, version: string) {
  return (info.versions[version] ?? info.versions[info.storageVersion])?.schema;
}

/** Prune and default `obj` in place; returns the unknown field paths that were dropped. */
export function pruneAndDefault(info: CustomResourceInfo, version: string, obj: KubeObject): string[] {
  const schema = customSchema(info, version);
  if (!schema) return [];
  const unknown = pruneUnknownFields(obj as Record<string, unknown>, schema);
  applySchemaDefaults(obj, schema);
  return unknown;
}

/**
 * A custom resource as served at `version` (conversion None): the same object with that apiVersion, and
 * the version's schema defaults applied, as upstream defaults objects read from storage too (a default a
 * CRD gained later shows on objects stored before).
 */
export function servedAs<T>(entry: ResourceEntry, version: string, body: T): T {
  if (!entry.custom || !body || typeof body !== 'object') return body;
  const apiVersion = `${entry.group}/${version}`;
  const schema = customSchema(entry.custom, version);
  const serve = (obj: KubeObject): KubeObject => {
    const out = { ...obj, apiVersion };
    if (schema && hasDefaults(schema)) {
      const copy = structuredClone(out);
      applySchemaDefaults(copy, schema);
      return copy;
    }
    return out;
  };
  const b = body as { apiVersion?: string; kind?: string; items?: unknown[] };
  if (b.kind === entry.kind) return serve(b as KubeObject) as T;
  if (Array.isArray(b.items)) {
    return { ...b, items: b.items.map((i) => ((i as KubeObject)?.kind === entry.kind ? serve(i as KubeObject) : i)) } as T;
  }
  return body;
}

const withDefaults = new WeakMap<JSONSchemaProps, boolean>();

/** Whether any node of the schema has a default (cached per schema object). */
function hasDefaults(schema: JSONSchemaProps): boolean {
  let known = withDefaults.get(schema);
  if (known === undefined) {
    known = JSON.stringify(schema).includes('"default":');
    withDefaults.set(schema, known);
  }
  return known;
}
