// The /openapi/v3 discovery index and the per-group-version OpenAPI 3.0 documents, derived from the
// registry. `openapiV3Document` and `openapiV3Index` are pure; `OpenApiV3Cache` is the shell the HTTP
// routes use: it builds a document on first request, keeps its JSON and hash per group-version, and drops
// everything when the registry changes (CRDs come and go). Nothing is computed at start-up.
//
// Serving contract (mirrors kube-openapi's handler): `GET /openapi/v3` returns the index; `GET
// /openapi/v3/<path>?hash=H` returns the document with `Cache-Control: public, immutable` when H is current,
// and a 301 to the current `serverRelativeURL` when it is not.
import { createHash } from 'node:crypto';
import type { Registry } from '../registry/registry.js';
import type { ResourceEntry } from '../registry/types.js';
import { modelForKind, modelForVersion, modelInfo } from '../schema/catalogue.js';
import { customResourceListSchema, customResourceSchema } from '../crd/openapi-schema.js';
import { groupPackage, SPECIAL_DEFINITIONS } from './definition-names.js';
import { resourcePaths, type ResourceRefs } from './paths.js';
import { SchemaSet, type GroupVersionKind, type Schema } from './schemas.js';

export interface OpenApiDocument {
  openapi: '3.0.0';
  info: { title: 'Kubernetes'; version: string };
  paths: Record<string, unknown>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
}

export interface OpenApiIndex {
  paths: Record<string, { serverRelativeURL: string }>;
}

export interface DocumentOptions {
  /** `info.version`, the served Kubernetes version (default v1.34.0, the API client-node 1.4 describes). */
  kubernetesVersion?: string;
}

/** The index key and URL path of a group-version: `api/v1`, `apis/apps/v1`. */
export function openapiV3Path(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** The group-version of an index key, or undefined when the key is not one. */
export function parseOpenapiV3Path(path: string): { group: string; version: string } | undefined {
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts.length === 2 && parts[0] === 'api') return { group: '', version: parts[1]! };
  if (parts.length === 3 && parts[0] === 'apis') return { group: parts[1]!, version: parts[2]! };
  return undefined;
}

/** `{paths: {'api/v1': {serverRelativeURL: '/openapi/v3/api/v1?hash=…'}, …}}`, keys sorted. */
export function openapiV3Index(registry: Registry, hashOf: (group: string, version: string) => string): OpenApiIndex {
  const keys = registry.groupVersions().map((gv) => ({ ...gv, key: openapiV3Path(gv.group, gv.version) }));
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const paths: OpenApiIndex['paths'] = {};
  for (const gv of keys) paths[gv.key] = { serverRelativeURL: `/openapi/v3/${gv.key}?hash=${hashOf(gv.group, gv.version)}` };
  return { paths };
}

/** The OpenAPI 3.0 document of one group-version, or undefined when the registry serves none of it. */
export function openapiV3Document(registry: Registry, group: string, version: string, options: DocumentOptions = {}): OpenApiDocument | undefined {
  const entries = [...registry.inGroupVersion(group, version)].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  if (entries.length === 0) return undefined;
  const schemas = new SchemaSet();
  // meta/v1 types are named the same from any group.
  const status = schemas.addModel('V1Status', groupPackage(group));
  const deleteOptions = schemas.addModel('V1DeleteOptions', groupPackage(group));
  const patch = schemas.addSpecial(SPECIAL_DEFINITIONS.Patch);
  const paths: Record<string, unknown> = {};
  for (const entry of entries) {
    const refs = resolve(schemas, entry, version, { status, deleteOptions, patch });
    Object.assign(paths, resourcePaths(refs));
  }
  const sortedPaths: Record<string, unknown> = {};
  for (const p of Object.keys(paths).sort()) sortedPaths[p] = paths[p];
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: options.kubernetesVersion ?? 'v1.34.0' },
    paths: sortedPaths,
    components: {
      schemas: schemas.sorted(),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
  };
}

function resolve(schemas: SchemaSet, entry: ResourceEntry, version: string, common: Pick<ResourceRefs, 'status' | 'deleteOptions' | 'patch'>): ResourceRefs {
  const gvk: GroupVersionKind = { group: entry.group, version, kind: entry.kind };
  const pkg = groupPackage(entry.group);
  const model = modelForVersion(entry, version);
  const refs: ResourceRefs = { entry, version, subresources: new Map(), ...common };
  if (model) {
    refs.kind = schemas.addModel(model, pkg, gvk);
    if (modelInfo(`${model}List`)) refs.list = schemas.addModel(`${model}List`, pkg, { ...gvk, kind: `${entry.kind}List` });
  } else {
    // A custom resource: its CRD's schema for this version, named as upstream names CRD schemas.
    const name = `${entry.group.split('.').reverse().join('.')}.${version}.${entry.kind}`;
    const objectMeta = schemas.addModel('V1ObjectMeta', pkg);
    const listMeta = schemas.addModel('V1ListMeta', pkg);
    refs.kind = schemas.addSchema(name, customResourceSchema(entry.custom?.versions[version]?.schema, gvk, objectMeta));
    refs.list = schemas.addSchema(`${name}List`, customResourceListSchema(name, gvk, listMeta));
  }
  for (const sub of entry.subresources ?? []) {
    const subGvk: GroupVersionKind = { group: sub.group ?? entry.group, version: sub.version ?? version, kind: sub.kind };
    const same = subGvk.group === entry.group && subGvk.version === version && sub.kind === entry.kind;
    const subModel = same ? model : modelForKind(subGvk.group, subGvk.version, sub.kind);
    const resolved: { gvk: GroupVersionKind; definition?: string } = { gvk: subGvk };
    if (same) resolved.definition = refs.kind;
    else if (subModel) resolved.definition = schemas.addModel(subModel, groupPackage(subGvk.group), subGvk);
    refs.subresources.set(sub.name, resolved);
  }
  return refs;
}

/**
 * Documents and hashes per group-version, built on first use and dropped when the registry changes. The hash
 * is the SHA-512 of the served bytes, so it changes exactly when the document does.
 */
export class OpenApiV3Cache {
  private readonly docs = new Map<string, { json: string; hash: string } | null>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly registry: Registry,
    private readonly options: DocumentOptions = {},
  ) {
    this.unsubscribe = registry.onChange(() => this.docs.clear());
  }

  /** The index; builds every document not yet built (its hash is needed). */
  index(): OpenApiIndex {
    return openapiV3Index(this.registry, (g, v) => this.get(g, v)?.hash ?? '');
  }

  /** The serialized document and its hash for an index key (`api/v1`), or undefined when not served. */
  document(path: string): { json: string; hash: string } | undefined {
    const gv = parseOpenapiV3Path(path);
    return gv ? this.get(gv.group, gv.version) : undefined;
  }

  /** Stops listening to the registry. */
  close(): void {
    this.unsubscribe();
  }

  private get(group: string, version: string): { json: string; hash: string } | undefined {
    const key = `${group}/${version}`;
    const hit = this.docs.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const doc = openapiV3Document(this.registry, group, version, this.options);
    const built = doc ? serialize(doc) : null;
    this.docs.set(key, built);
    return built ?? undefined;
  }
}

function serialize(doc: OpenApiDocument): { json: string; hash: string } {
  const json = JSON.stringify(doc);
  return { json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() };
}
