// Which namespaced resources a namespace can hold: discovery through the API (/api, /api/v1, /apis,
// /apis/<group>/<preferred version>), as upstream's ServerPreferredNamespacedResources, keeping those
// that can be listed and deleted.
import type { Transport } from '../../client/transport.js';

export interface DeletableResource {
  group: string;
  version: string;
  plural: string;
  deleteCollection: boolean;
}

export interface DiscoveryResult {
  resources: DeletableResource[];
  /** Group versions whose discovery failed, with why. */
  failures: Array<{ groupVersion: string; message: string }>;
}

interface ApiResource {
  name: string;
  namespaced: boolean;
  verbs: string[];
}

export async function discoverNamespacedResources(transport: Transport, signal?: AbortSignal): Promise<DiscoveryResult> {
  const get = async <T>(path: string) => (await transport.request({ method: 'GET', path }, signal)).body as T;
  const groupVersions: Array<{ group: string; version: string }> = [];
  const failures: DiscoveryResult['failures'] = [];
  const core = await get<{ versions: string[] }>('/api');
  for (const v of core.versions ?? []) groupVersions.push({ group: '', version: v });
  const groups = await get<{ groups: Array<{ name: string; preferredVersion?: { version: string }; versions: Array<{ version: string }> }> }>('/apis');
  for (const g of groups.groups ?? []) {
    const version = g.preferredVersion?.version ?? g.versions[0]?.version;
    if (version) groupVersions.push({ group: g.name, version });
  }
  const resources: DeletableResource[] = [];
  for (const { group, version } of groupVersions) {
    const gv = group ? `${group}/${version}` : version;
    try {
      const list = await get<{ resources: ApiResource[] }>(group ? `/apis/${gv}` : `/api/${version}`);
      for (const r of list.resources ?? []) {
        if (!r.namespaced || r.name.includes('/')) continue;
        if (!r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
        resources.push({ group, version, plural: r.name, deleteCollection: r.verbs.includes('deletecollection') });
      }
    } catch (err) {
      failures.push({ groupVersion: gv, message: (err as Error).message });
    }
  }
  return { resources, failures };
}
