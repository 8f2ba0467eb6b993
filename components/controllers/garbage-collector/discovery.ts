// Which resources the garbage collector watches: every resource served (the preferred version of
// each group) whose verbs include list, watch and delete, except events (upstream's
// DefaultIgnoredResources), found through the discovery documents.
import type { ResourceType } from '../../client/client.js';
import type { Transport } from '../../client/transport.js';

interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
}

export interface DeletableResource extends ResourceType {
  kind: string;
  /** `group/version` or `v1`. */
  apiVersion: string;
}

const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/** The deletable, listable, watchable resources of the API, one version per group. */
export async function discoverDeletableResources(transport: Transport, signal?: AbortSignal): Promise<DeletableResource[]> {
  const get = async <T>(path: string) => (await transport.request({ method: 'GET', path }, signal)).body as T;
  const groupVersions: Array<{ group: string; version: string }> = [];
  const core = await get<{ versions?: string[] }>('/api');
  for (const v of core.versions?.slice(0, 1) ?? []) groupVersions.push({ group: '', version: v });
  const groups = await get<{ groups?: Array<{ name: string; preferredVersion?: { version: string }; versions?: Array<{ version: string }> }> }>('/apis');
  for (const g of groups.groups ?? []) {
    const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (version) groupVersions.push({ group: g.name, version });
  }
  const out: DeletableResource[] = [];
  for (const { group, version } of groupVersions) {
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const list = await get<{ resources?: ApiResource[] }>(path).catch(() => ({ resources: [] }));
    for (const r of list.resources ?? []) {
      if (r.name.includes('/') || IGNORED.has(`${group}/${r.name}`)) continue;
      if (!['list', 'watch', 'delete'].every((v) => r.verbs.includes(v))) continue;
      out.push({ group, version, plural: r.name, namespaced: r.namespaced, kind: r.kind, apiVersion: group ? `${group}/${version}` : version });
    }
  }
  return out;
}

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
