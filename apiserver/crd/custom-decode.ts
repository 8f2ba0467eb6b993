// The decoding steps a custom resource's body goes through after parsing (apiextensions' unstructured
// decoding): unknown fields found by structural pruning are refused (Strict), warned about (Warn) or
// silently dropped (Ignore), then the schema's defaults are applied. Also the version a stored object is
// served in: with conversion strategy None only apiVersion changes.
import type { KubeObject, ResourceEntry } from '../registry/types.js';
import type { CustomResourceInfo } from './custom-resource.js';
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

/** A custom resource as served at `version` (conversion None): the same object with that apiVersion. */
export function servedAs<T>(entry: ResourceEntry, version: string, body: T): T {
  if (!entry.custom || !body || typeof body !== 'object') return body;
  const apiVersion = `${entry.group}/${version}`;
  const b = body as { apiVersion?: string; kind?: string; items?: unknown[] };
  if (b.kind === entry.kind && b.apiVersion !== apiVersion) return { ...b, apiVersion } as T;
  if (Array.isArray(b.items)) {
    return { ...b, items: b.items.map((i) => ((i as KubeObject)?.kind === entry.kind ? { ...(i as KubeObject), apiVersion } : i)) } as T;
  }
  return body;
}
