// Aggregated discovery (apidiscovery.k8s.io v2 and v2beta1): every resource of the core group
// (GET /api) or of all named groups (GET /apis) in one APIGroupDiscoveryList. Pure function of the registry.
import type { Registry } from '../registry/registry.js';
import { ALL_VERBS, type ResourceEntry } from '../registry/types.js';
import { byName, namedGroups, sortedVerbs } from './legacy.js';
import type { AggregatedDiscoveryVersion, APIGroupDiscovery, APIGroupDiscoveryList, APIResourceDiscovery, APIVersionDiscovery } from './types.js';

/** `core` answers GET /api, `apis` GET /apis. Versions are in preference order, all `Current`. */
export function aggregatedDiscovery(registry: Registry, root: 'core' | 'apis', apiVersion: AggregatedDiscoveryVersion): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] = [];
  if (root === 'core') {
    const versions = registry
      .groupVersions()
      .filter((gv) => gv.group === '')
      .map((gv) => versionDiscovery(registry, '', gv.version));
    if (versions.length > 0) items.push({ metadata: { creationTimestamp: null }, versions });
  } else {
    for (const g of namedGroups(registry)) {
      const versions = g.versions.map((v) => versionDiscovery(registry, g.name, v.version));
      items.push({ metadata: { name: g.name, creationTimestamp: null }, versions });
    }
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${apiVersion}`, metadata: {}, items };
}

function versionDiscovery(registry: Registry, group: string, version: string): APIVersionDiscovery {
  const resources = registry
    .inGroupVersion(group, version)
    .map((e) => resourceDiscovery(e, version))
    .sort((a, b) => byName(a.resource, b.resource));
  return { version, resources, freshness: 'Current' };
}

/**
 * One resource with its subresources nested. responseKind carries group and version in full (as
 * kubectl-contract.md §1 shows); upstream leaves them empty when equal to the containing group-version.
 */
function resourceDiscovery(e: ResourceEntry, version: string): APIResourceDiscovery {
  const r: APIResourceDiscovery = {
    resource: e.plural,
    responseKind: { group: e.group, version, kind: e.kind },
    scope: e.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: e.singular,
    verbs: sortedVerbs(e.verbs ?? ALL_VERBS),
  };
  if (e.shortNames?.length) r.shortNames = [...e.shortNames];
  if (e.categories?.length) r.categories = [...e.categories];
  const subs = (e.subresources ?? [])
    .map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? e.group, version: s.version ?? version, kind: s.kind },
      verbs: sortedVerbs(s.verbs),
    }))
    .sort((a, b) => byName(a.subresource, b.subresource));
  if (subs.length > 0) r.subresources = subs;
  return r;
}
