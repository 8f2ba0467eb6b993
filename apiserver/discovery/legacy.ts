// The legacy (unaggregated) discovery documents, pure functions of the registry:
// GET /api → APIVersions, GET /apis → APIGroupList, GET /api/v1 and /apis/<g>/<v> → APIResourceList.
import type { Registry } from '../registry/registry.js';
import { ALL_VERBS, type ResourceEntry } from '../registry/types.js';
import { entryStorageVersionHash } from './storage-version-hash.js';
import type { APIGroup, APIGroupList, APIResource, APIResourceList, APIVersions, GroupVersionForDiscovery } from './types.js';

/** GET /api. `serverAddress` is `host:port` clients should use (upstream's advertise address). */
export function apiVersions(serverAddress: string): APIVersions {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** GET /apis: every named group in registry order, versions preferred first. The core group is not listed. */
export function apiGroupList(registry: Registry): APIGroupList {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: namedGroups(registry) };
}

export function namedGroups(registry: Registry): APIGroup[] {
  const groups = new Map<string, GroupVersionForDiscovery[]>();
  for (const { group, version } of registry.groupVersions()) {
    if (group === '') continue;
    const versions = groups.get(group) ?? [];
    versions.push({ groupVersion: `${group}/${version}`, version });
    groups.set(group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions, preferredVersion: versions[0]! }));
}

/**
 * GET /api/v1 (group '') or /apis/<group>/<version>; undefined when that group-version is not served.
 * Subresources are entries of their own named `<plural>/<sub>`; everything is sorted by name, as upstream.
 */
export function apiResourceList(registry: Registry, group: string, version: string): APIResourceList | undefined {
  const entries = registry.inGroupVersion(group, version);
  if (entries.length === 0) return undefined;
  const resources = entries.flatMap((e) => resourcesOf(registry, e)).sort((a, b) => byName(a.name, b.name));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function resourcesOf(registry: Registry, e: ResourceEntry): APIResource[] {
  const main: APIResource = {
    name: e.plural,
    singularName: e.singular,
    namespaced: e.namespaced,
    kind: e.kind,
    verbs: sortedVerbs(e.verbs ?? ALL_VERBS),
  };
  if (e.shortNames?.length) main.shortNames = [...e.shortNames];
  if (e.categories?.length) main.categories = [...e.categories];
  const hash = entryStorageVersionHash(registry, e);
  if (hash) main.storageVersionHash = hash;
  // Keys in upstream's order: group and version (only for another group-version's kind) before kind.
  const subs = (e.subresources ?? []).map(
    (s): APIResource => ({
      name: `${e.plural}/${s.name}`,
      singularName: '',
      namespaced: e.namespaced,
      ...(s.group !== undefined && { group: s.group }),
      ...(s.version !== undefined && { version: s.version }),
      kind: s.kind,
      verbs: sortedVerbs(s.verbs),
    }),
  );
  return [main, ...subs];
}

/** Verbs sorted as upstream lists them. */
export function sortedVerbs(verbs: readonly string[]): string[] {
  return [...verbs].sort(byName);
}

/** Byte-wise order, as Go's sort.Strings. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
